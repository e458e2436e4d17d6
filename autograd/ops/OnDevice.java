package autograd.ops;

import java.util.function.Supplier;
import tensor.Devices;
import tensor.Tensor;

/** Tensors made for a backward rule on the backend (and in the dtype) of the gradient they meet. */
final class OnDevice {
    private OnDevice() {}

    /** Zeros of {@code like}'s dtype and backend, in the given shape. */
    static Tensor zeros(Tensor like, int... dims) {
        return on(like, () -> Tensor.zeros(like.dtype(), dims));
    }

    /** The I32 positions {@code start, start + step, …} ({@code n} of them), on {@code like}'s backend. */
    static Tensor positions(Tensor like, int start, int step, int n) {
        return on(like, () -> Tensor.arange(start, start + (double) step * n, step, tensor.DType.I32));
    }

    private static Tensor on(Tensor like, Supplier<Tensor> make) {
        return Devices.on(like.backend(), make);
    }
}
