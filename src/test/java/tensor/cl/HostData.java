package tensor.cl;

import java.util.Random;
import tensor.DType;
import tensor.Shape;
import tensor.Tensor;
import tensor.Views;

/**
 * Moving test data to and from a backend through the raw {@link tensor.Backend} primitives, and
 * making strided views: what the parity tests need without depending on the front end's ops.
 */
final class HostData {
    private HostData() {}

    static Tensor upload(tensor.Backend b, float[] data, int... shape) {
        Tensor t = Tensor.empty(b, DType.F32, Shape.of(shape));
        b.write(t.storage(), data);
        return t;
    }

    static Tensor upload(tensor.Backend b, int[] data, int... shape) {
        Tensor t = Tensor.empty(b, DType.I32, Shape.of(shape));
        b.write(t.storage(), data);
        return t;
    }

    /** The whole storage of {@code t} as floats. */
    static float[] storage(Tensor t) {
        float[] all = new float[t.storage().numel()];
        t.backend().read(t.storage(), 0, all);
        return all;
    }

    static int[] storageInts(Tensor t) {
        int[] all = new int[t.storage().numel()];
        t.backend().read(t.storage(), 0, all);
        return all;
    }

    /** The elements of {@code t} in row-major order, following its strides and offset. */
    static float[] values(Tensor t) {
        float[] all = storage(t);
        float[] out = new float[t.numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all[offsetOf(t, i)];
        }
        return out;
    }

    static int[] ints(Tensor t) {
        int[] all = storageInts(t);
        int[] out = new int[t.numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all[offsetOf(t, i)];
        }
        return out;
    }

    /** Storage offset of row-major element {@code i} of {@code t}. */
    static int offsetOf(Tensor t, int i) {
        int off = t.offset();
        for (int d = t.rank() - 1; d >= 0; d--) {
            int size = t.dim(d);
            off += (i % size) * t.stride(d);
            i /= size;
        }
        return off;
    }

    static float[] randomFloats(Random r, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) r.nextGaussian();
        }
        return f;
    }

    static int[] randomShape(Random r, int rank, int maxDim) {
        int[] s = new int[rank];
        for (int i = 0; i < rank; i++) {
            s[i] = 1 + r.nextInt(maxDim);
        }
        return s;
    }

    /** A strided view described on the host: base data, and the view's shape, strides and offset over it. */
    record Layout(float[] base, int[] dims, int[] strides, int offset) {
        /** The view, over a fresh copy of the base data on {@code b}. */
        Tensor on(tensor.Backend b) {
            Tensor t = upload(b, base, base.length);
            Tensor v = Views.view(t, dims, strides, offset);
            t.close();
            return v;
        }
    }

    /** A random strided view with shape {@code dims} over fresh random data; see {@link #layout}. */
    static Tensor stridedView(tensor.Backend b, Random r, int[] dims, boolean allowBroadcast) {
        return layout(r, dims, allowBroadcast).on(b);
    }

    /** A random layout of shape {@code dims} ({@link Views#layout}) over fresh random data. */
    static Layout layout(Random r, int[] dims, boolean allowBroadcast) {
        Views.Layout l = Views.layout(r, dims, allowBroadcast);
        return new Layout(randomFloats(r, l.storageSize()), dims.clone(), l.strides(), l.offset());
    }
}
