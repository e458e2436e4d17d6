package nn;

import autograd.Variable;

/**
 * Sigmoid linear unit, "swish" (Elfwing et al. 2017; Ramachandran et al., "Searching for
 * Activation Functions", 2017): {@code x·σ(x)}.
 */
public final class SiLU extends Module {
    public Variable forward(Variable x) {
        return x.silu();
    }

    @Override
    public String toString() {
        return "SiLU()";
    }
}
