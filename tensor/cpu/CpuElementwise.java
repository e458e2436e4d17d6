package tensor.cpu;

import java.util.Arrays;
import tensor.*;

/** Elementwise kernels of the CPU backend: constant fills, ranges, unary, binary and select. */
final class CpuElementwise {
    private CpuElementwise() {}

    /** Sets the {@code numel} elements from {@code out.offset()} to {@code value} (to I32 by truncation). */
    static void fill(Tensor out, double value) {
        int from = out.offset();
        int to = from + out.numel();
        switch (out.dtype()) {
            case F32 -> Arrays.fill(CpuBackend.f32(out), from, to, (float) value);
            case F64 -> Arrays.fill(CpuBackend.f64(out), from, to, value);
            case I32 -> Arrays.fill(CpuBackend.i32(out), from, to, (int) value);
        }
    }

    /** {@code out[i] = start + i·step}, computed in double, then rounded (F32) or truncated (I32). */
    static void iota(Tensor out, double start, double step) {
        int n = out.numel();
        int o = out.offset();
        switch (out.dtype()) {
            case F32 -> {
                float[] y = CpuBackend.f32(out);
                for (int i = 0; i < n; i++) {
                    y[o + i] = (float) (start + i * step);
                }
            }
            case F64 -> {
                double[] y = CpuBackend.f64(out);
                for (int i = 0; i < n; i++) {
                    y[o + i] = start + i * step;
                }
            }
            case I32 -> {
                int[] y = CpuBackend.i32(out);
                for (int i = 0; i < n; i++) {
                    y[o + i] = (int) (start + i * step);
                }
            }
        }
    }

    static void unary(UnaryOp op, Tensor x, Tensor out, double alpha, double beta) { throw new UnsupportedOperationException("pending"); }
    static void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) { throw new UnsupportedOperationException("pending"); }
    static void where(Tensor cond, Tensor a, Tensor b, Tensor out) { throw new UnsupportedOperationException("pending"); }
}
