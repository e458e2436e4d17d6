package nn.loss;

import autograd.Variable;
import tensor.ShapeException;

/** Elementwise losses compare tensors of one shape (PyTorch only warns when they broadcast; a silent broadcast is a bug). */
final class SameShape {
    private SameShape() {}

    static void check(String loss, Variable input, Variable target) {
        if (!input.shape().equals(target.shape())) {
            throw new ShapeException(loss, "input " + input.shape() + " and target " + target.shape() + " must have the same shape");
        }
    }
}
