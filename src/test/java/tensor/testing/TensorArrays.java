package tensor.testing;

import tensor.Backend;
import tensor.DType;
import tensor.Shape;
import tensor.Tensor;

/**
 * Moves values between the oracle's {@link NdArray} and tensors on any backend using only
 * {@link Tensor#empty} and the backend's raw {@code write}/{@code read}, so the harness works
 * before (and independently of) the creation ops it tests. Reading honours any view: offset,
 * zero and negative strides.
 */
public final class TensorArrays {
    private TensorArrays() {}

    /** A contiguous tensor holding {@code a}'s values in {@code dtype} (I32 truncates toward zero). */
    public static Tensor toTensor(NdArray a, DType dtype, Backend backend) {
        Tensor t = Tensor.empty(backend, dtype, Shape.of(a.shape()));
        double[] v = a.data();
        switch (dtype) {
            case F32 -> {
                float[] f = new float[v.length];
                for (int i = 0; i < v.length; i++) {
                    f[i] = (float) v[i];
                }
                backend.write(t.storage(), f);
            }
            case F64 -> backend.write(t.storage(), v.clone());
            case I32 -> {
                int[] n = new int[v.length];
                for (int i = 0; i < v.length; i++) {
                    n[i] = (int) v[i];
                }
                backend.write(t.storage(), n);
            }
        }
        return t;
    }

    /** The values a tensor shows, whatever its strides, as doubles. */
    public static NdArray toArray(Tensor t) {
        double[] storage = readStorage(t);
        int[] shape = t.shape().dims();
        NdArray out = NdArray.zeros(shape);
        double[] values = out.data();
        for (int i = 0; i < values.length; i++) {
            int[] index = out.unflat(i);
            int at = t.offset();
            for (int a = 0; a < index.length; a++) {
                at += index[a] * t.stride(a);
            }
            values[i] = storage[at];
        }
        return out;
    }

    private static double[] readStorage(Tensor t) {
        Backend b = t.backend();
        int n = t.storage().numel();
        double[] out = new double[n];
        switch (t.dtype()) {
            case F32 -> {
                float[] f = new float[n];
                b.read(t.storage(), 0, f);
                for (int i = 0; i < n; i++) {
                    out[i] = f[i];
                }
            }
            case F64 -> b.read(t.storage(), 0, out);
            case I32 -> {
                int[] v = new int[n];
                b.read(t.storage(), 0, v);
                for (int i = 0; i < n; i++) {
                    out[i] = v[i];
                }
            }
        }
        return out;
    }
}
