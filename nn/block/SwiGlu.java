package nn.block;

import autograd.Variable;
import nn.Linear;
import nn.Module;
import tensor.Generator;

/**
 * The SwiGLU feed-forward of Llama (Shazeer, "GLU Variants Improve Transformer", 2020):
 * {@code down_proj(SiLU(gate_proj(x)) ⊙ up_proj(x))}, no biases. Names are Hugging Face's;
 * Meta's checkpoints call them {@code w1} (gate), {@code w3} (up) and {@code w2} (down).
 */
public final class SwiGlu extends Module {
    public final Linear gateProj;
    public final Linear upProj;
    public final Linear downProj;

    public SwiGlu(int dim, int hidden, Generator init) {
        this.gateProj = child("gate_proj", new Linear(dim, hidden, false, init));
        this.upProj = child("up_proj", new Linear(dim, hidden, false, init));
        this.downProj = child("down_proj", new Linear(hidden, dim, false, init));
    }

    public Variable forward(Variable x) {
        return downProj.forward(gateProj.forward(x).silu().mul(upProj.forward(x)));
    }
}
