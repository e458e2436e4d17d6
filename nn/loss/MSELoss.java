package nn.loss;

import autograd.Variable;
import nn.Module;

/** Mean squared error, {@code mean((input − target)²)} over every element (PyTorch's {@code nn.MSELoss}, mean reduction). */
public final class MSELoss extends Module {
    public Variable forward(Variable input, Variable target) {
        SameShape.check("MSELoss", input, target);
        return input.sub(target).square().mean();
    }

    @Override
    public String toString() {
        return "MSELoss()";
    }
}
