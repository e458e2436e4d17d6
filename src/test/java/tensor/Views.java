package tensor;

import java.util.Arrays;
import java.util.Random;
import tensor.cpu.CpuBackend;
import tensor.cpu.HostArrays;

/**
 * Test support for strided inputs: CPU tensors with random values, random shapes and broadcasting
 * partners, and views with random memory layouts (permuted axes, gaps between rows, reversed
 * axes, offsets and, on request, stride-0 axes), plus plain host reads through any view, so
 * kernels can be checked against index arithmetic done by hand.
 */
public final class Views {
    private Views() {}

    /** A view of {@code t}'s storage with any shape, strides (zero and negative allowed) and offset. */
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

    /** Random values in [-3, 3] with some exact integers and zeros. */
    public static double[] randomValues(Random rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            int kind = rnd.nextInt(10);
            v[i] = kind == 0 ? 0 : kind == 1 ? rnd.nextInt(7) - 3 : rnd.nextDouble() * 6 - 3;
        }
        return v;
    }

    /** Sizes for a random rank in {@code [minRank, maxRank]}: 0 and 1 one time in twelve each, else 2–5. */
    public static int[] randomDims(Random rnd, int minRank, int maxRank) {
        int[] dims = new int[minRank + rnd.nextInt(maxRank - minRank + 1)];
        for (int a = 0; a < dims.length; a++) {
            int c = rnd.nextInt(12);
            dims[a] = c == 0 ? 0 : c == 1 ? 1 : 2 + rnd.nextInt(4);
        }
        return dims;
    }

    /** A shape that broadcasts with {@code s}: some leading axes dropped, some sizes set to 1. */
    public static Shape broadcastPartner(Random rnd, Shape s) {
        int drop = rnd.nextInt(s.rank() + 1);
        int[] d = new int[s.rank() - drop];
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextInt(3) == 0 ? 1 : s.dim(i + drop);
        }
        return Shape.of(d);
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher–Yates). */
    public static int[] permutation(Random rnd, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Where a view lies in a storage of {@code storageSize} elements. */
    public record Layout(int[] strides, int offset, int storageSize) {}

    /**
     * A random layout of {@code dims}: memory order of the axes permuted, gaps between rows, some
     * axes reversed (negative strides) and, when {@code broadcast}, some axes of stride 0.
     */
    public static Layout layout(Random rnd, int[] dims, boolean broadcast) {
        int r = dims.length;
        int[] order = permutation(rnd, r);
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
        return new Layout(strides, offset, size + offset + 2);
    }

    /** A random layout of shape {@code dims} (see above) over a fresh storage of random values. */
    public static Tensor randomLayout(Random rnd, DType dtype, int[] dims, boolean broadcast) {
        Layout layout = layout(rnd, dims, broadcast);
        Tensor base = random(rnd, dtype, layout.storageSize());
        Tensor v = view(base, dims, layout.strides(), layout.offset());
        base.close();
        return v;
    }

    /**
     * An F64 view in a random layout (no stride-0 axes) whose row-major logical elements are
     * {@code logical}; the storage around them holds NaN, so a kernel that reads a gap shows it.
     */
    public static Tensor randomLayout(Random rnd, Shape shape, double[] logical) {
        int[] dims = shape.dims();
        Layout layout = layout(rnd, dims, false);
        double[] storage = new double[layout.storageSize()];
        Arrays.fill(storage, Double.NaN);
        Tensor base = cpu(DType.F64, storage, layout.storageSize());
        Tensor v = view(base, dims, layout.strides(), layout.offset());
        base.close();
        for (int i = 0; i < logical.length; i++) {
            HostArrays.set(v, position(v, unflatten(i, dims)), logical[i]);
        }
        return v;
    }

    /**
     * A random I32 index layout like {@link #randomLayout(Random, DType, int[], boolean)} whose
     * every stored value lies in {@code [0, bound)}.
     */
    public static Tensor randomIndex(Random rnd, int[] dims, int bound, boolean broadcast) {
        Tensor t = randomLayout(rnd, DType.I32, dims, broadcast);
        for (int p = 0; p < HostArrays.capacity(t); p++) {
            HostArrays.set(t, p, bound == 0 ? 0 : rnd.nextInt(bound));
        }
        return t;
    }

    /** The storage position of a multi-index, through the tensor's own strides. */
    private static int position(Tensor t, int... index) {
        int pos = t.offset();
        for (int a = 0; a < index.length; a++) {
            pos += index[a] * t.stride(a);
        }
        return pos;
    }

    /** The value at a multi-index, read through the tensor's own strides. */
    public static double at(Tensor t, int... index) {
        return HostArrays.get(t, position(t, index));
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
