package tensor.cpu;

import tensor.Tensor;

/**
 * Moves blocks of consecutive elements of a CPU tensor of any dtype to and from a {@code double[]}
 * scratch buffer, so that arithmetic written once in double serves F32, F64 and I32. Loading is
 * exact; storing rounds to nearest (F32) or truncates toward zero, saturating (I32).
 */
final class DoubleBlocks {
    private DoubleBlocks() {}

    /** {@code dst[i] = storage[at + i]} for {@code i < n}. */
    static void load(Tensor t, int at, int n, double[] dst) {
        switch (t.dtype()) {
            case F32 -> {
                float[] src = CpuBackend.f32(t);
                for (int i = 0; i < n; i++) {
                    dst[i] = src[at + i];
                }
            }
            case F64 -> System.arraycopy(CpuBackend.f64(t), at, dst, 0, n);
            case I32 -> {
                int[] src = CpuBackend.i32(t);
                for (int i = 0; i < n; i++) {
                    dst[i] = src[at + i];
                }
            }
        }
    }

    /** {@code storage[at + i] = src[i]} for {@code i < n}, converted to the tensor's dtype. */
    static void store(double[] src, Tensor t, int at, int n) {
        switch (t.dtype()) {
            case F32 -> {
                float[] dst = CpuBackend.f32(t);
                for (int i = 0; i < n; i++) {
                    dst[at + i] = (float) src[i];
                }
            }
            case F64 -> System.arraycopy(src, 0, CpuBackend.f64(t), at, n);
            case I32 -> {
                int[] dst = CpuBackend.i32(t);
                for (int i = 0; i < n; i++) {
                    dst[at + i] = (int) src[i];
                }
            }
        }
    }
}
