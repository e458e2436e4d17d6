package nn.loss;

import autograd.Variable;
import nn.Module;

/**
 * Mean absolute error, {@code mean(|input − target|)} over every element (PyTorch's
 * {@code nn.L1Loss}, mean reduction); the gradient of {@code |d|} at {@code d = 0} is 0.
 */
public final class L1Loss extends Module {
    public Variable forward(Variable input, Variable target) {
        SameShape.check("L1Loss", input, target);
        return input.sub(target).abs().mean();
    }

    @Override
    public String toString() {
        return "L1Loss()";
    }
}
