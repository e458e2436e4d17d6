package tensor;

import java.util.Random;
import tensor.cpu.CpuBackend;
import tensor.cpu.HostArrays;

/**
 * Test support: CPU tensors seen through arbitrary layouts, and plain host reads, so kernels can be
 * checked against index arithmetic done by hand.
 */
public final class Views {
    private Views() {}

    /** A view of {@code t}'s storage with any shape, strides and offset. */
    public static Tensor view(Tensor t, int[] dims, int[] strides, int offset) {
        return t.view(Shape.of(dims), strides.clone(), offset);
    }

    /** An uninitialised contiguous CPU tensor. */
    public static Tensor empty(DType dtype, int... dims) {
        return Tensor.empty(CpuBackend.instance(), dtype, Shape.of(dims));
    }

    /** A contiguous CPU tensor holding {@code values} (converted to its dtype). */
    public static Tensor cpu(DType dtype, double[] values, int... dims) {
        Tensor t = empty(dtype, dims);
        for (int i = 0; i < values.length; i++) {
            HostArrays.set(t, i, values[i]);
        }
        return t;
    }

    /** A contiguous CPU tensor of small random values (integers in {@code [-50, 50)} for I32). */
    public static Tensor random(Random rnd, DType dtype, int... dims) {
        Tensor t = empty(dtype, dims);
        for (int i = 0; i < t.numel(); i++) {
            HostArrays.set(t, i, dtype.isFloating() ? rnd.nextGaussian() : rnd.nextInt(100) - 50);
        }
        return t;
    }

    /**
     * A random view of shape {@code dims} over a fresh storage of random values: memory order of
     * the axes permuted, gaps between rows, some axes reversed (negative strides) and, when
     * {@code broadcast}, some axes of stride 0.
     */
    public static Tensor randomLayout(Random rnd, DType dtype, int[] dims, boolean broadcast) {
        int r = dims.length;
        int[] order = new int[r];
        for (int i = 0; i < r; i++) {
            order[i] = i;
        }
        for (int i = r - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        int[] strides = new int[r];
        int size = 1;
        for (int k = r - 1; k >= 0; k--) { // order[r-1] is the innermost axis in memory
            int a = order[k];
            strides[a] = size;
            size *= Math.max(dims[a], 1) + rnd.nextInt(2);
        }
        int offset = rnd.nextInt(3);
        for (int a = 0; a < r; a++) {
            int choice = rnd.nextInt(4);
            if (broadcast && choice == 0) {
                strides[a] = 0;
            } else if (choice == 1 && dims[a] > 0) {
                offset += (dims[a] - 1) * strides[a];
                strides[a] = -strides[a];
            }
        }
        Tensor base = random(rnd, dtype, size + offset + 2);
        Tensor v = view(base, dims, strides, offset);
        base.close();
        return v;
    }

    /**
     * A random I32 index layout like {@link #randomLayout} whose every stored value lies in
     * {@code [0, bound)}.
     */
    public static Tensor randomIndex(Random rnd, int[] dims, int bound, boolean broadcast) {
        Tensor t = randomLayout(rnd, DType.I32, dims, broadcast);
        for (int p = 0; p < HostArrays.capacity(t); p++) {
            HostArrays.set(t, p, bound == 0 ? 0 : rnd.nextInt(bound));
        }
        return t;
    }

    /** The value at a multi-index, read through the tensor's own strides. */
    public static double at(Tensor t, int... index) {
        int pos = t.offset();
        for (int a = 0; a < index.length; a++) {
            pos += index[a] * t.stride(a);
        }
        return HostArrays.get(t, pos);
    }

    /** Row-major multi-index of a flat position. */
    public static int[] unflatten(int flat, int[] dims) {
        int[] idx = new int[dims.length];
        for (int a = dims.length - 1; a >= 0; a--) {
            idx[a] = flat % dims[a];
            flat /= dims[a];
        }
        return idx;
    }

    /** Every element in row-major order, read through the strides, as doubles. */
    public static double[] values(Tensor t) {
        int[] dims = t.shape().dims();
        double[] out = new double[t.numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = at(t, unflatten(i, dims));
        }
        return out;
    }
}
