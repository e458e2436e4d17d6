package nn;

import autograd.Variable;

/** Rectified linear unit (Nair &amp; Hinton, ICML 2010): {@code max(x, 0)}; its gradient at 0 is 0, as PyTorch's. */
public final class ReLU extends Module {
    public Variable forward(Variable x) {
        return x.relu();
    }

    @Override
    public String toString() {
        return "ReLU()";
    }
}
