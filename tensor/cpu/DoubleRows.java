package tensor.cpu;

/**
 * Moves a strided run of a CPU storage to and from a {@code double[]} scratch buffer, so a kernel
 * can do its arithmetic once, in double, for every dtype. F32 and I32 values are exact in double;
 * storing rounds to F32 or truncates toward zero to I32.
 */
final class DoubleRows {
    private DoubleRows() {}

    /** {@code dst[k] = s[start + k·stride]} for {@code k < n}. */
    static void load(CpuStorage s, int start, int stride, int n, double[] dst) {
        switch (s.dtype()) {
            case F32 -> { for (int k = 0; k < n; k++) dst[k] = s.f32[start + k * stride]; }
            case F64 -> { for (int k = 0; k < n; k++) dst[k] = s.f64[start + k * stride]; }
            case I32 -> { for (int k = 0; k < n; k++) dst[k] = s.i32[start + k * stride]; }
        }
    }

    /** {@code d[start + k·stride] = src[k]} for {@code k < n}, converted to d's dtype. */
    static void store(double[] src, CpuStorage d, int start, int stride, int n) {
        switch (d.dtype()) {
            case F32 -> { for (int k = 0; k < n; k++) d.f32[start + k * stride] = (float) src[k]; }
            case F64 -> { for (int k = 0; k < n; k++) d.f64[start + k * stride] = src[k]; }
            case I32 -> { for (int k = 0; k < n; k++) d.i32[start + k * stride] = (int) src[k]; }
        }
    }
}
