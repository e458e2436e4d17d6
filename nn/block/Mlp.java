package nn.block;

import autograd.Variable;
import nn.Linear;
import nn.Module;
import tensor.Generator;

/**
 * The GPT feed-forward: {@code c_proj(GELU(c_fc(x)))}, widening {@code E → hidden → E}
 * (hidden = 4E in GPT-2), with biases. Names follow Hugging Face's GPT-2 ({@code mlp.c_fc},
 * {@code mlp.c_proj}), but weights are in {@code nn.Linear}'s {@code [out, in]} layout: GPT-2's
 * {@code Conv1D} stores {@code [in, out]}, so transpose its weights when loading. GELU is the exact
 * one, {@code x·Φ(x)}; GPT-2 used the tanh approximation (pass {@code tanhGelu}).
 */
public final class Mlp extends Module {
    public final Linear cFc;
    public final Linear cProj;
    private final boolean tanhGelu;

    public Mlp(int dim, int hidden, boolean tanhGelu, Generator init) {
        this.cFc = child("c_fc", new Linear(dim, hidden, true, init));
        this.cProj = child("c_proj", new Linear(hidden, dim, true, init));
        this.tanhGelu = tanhGelu;
    }

    public Variable forward(Variable x) {
        Variable h = cFc.forward(x);
        return cProj.forward(tanhGelu ? h.geluTanh() : h.gelu());
    }
}
