package tensor.cpu;

import static tensor.cpu.ElementwiseRuns.BLOCK;

import java.util.Arrays;
import tensor.BinaryOp;
import tensor.Tensor;
import tensor.UnaryOp;

/**
 * Elementwise kernels of the CPU backend: constant fills, ranges, unary, binary and select.
 * Inputs may be any strided views; {@link ElementwiseRuns} cuts the work into runs along the
 * innermost axis and the loops of {@link UnaryLoops} and {@link BinaryLoops} do the arithmetic.
 */
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

    /**
     * {@code out = op(x)} for a strided {@code x}. Runs that are not unit-stride are packed into a
     * scratch buffer first; F32 functions without a direct loop are computed in double and rounded.
     */
    static void unary(UnaryOp op, Tensor x, Tensor out, double alpha, double beta) {
        Tensor[] in = {x};
        switch (out.dtype()) {
            case F32 -> {
                float[] xs = CpuBackend.f32(x);
                float[] y = CpuBackend.f32(out);
                if (UnaryLoops.f32Direct(op)) {
                    ElementwiseRuns.forEach(out, in, () -> {
                        float[] scratch = new float[BLOCK];
                        return (n, o, at, step) -> UnaryLoops.f32(op, alpha, beta,
                                run(xs, at[0], step[0], n, scratch), start(at[0], step[0]), y, o, n);
                    });
                } else {
                    ElementwiseRuns.forEach(out, in, () -> {
                        double[] scratch = new double[BLOCK];
                        return (n, o, at, step) -> {
                            ElementwiseRuns.widen(xs, at[0], step[0], n, scratch);
                            UnaryLoops.f64(op, alpha, beta, scratch, 0, scratch, 0, n);
                            for (int i = 0; i < n; i++) {
                                y[o + i] = (float) scratch[i];
                            }
                        };
                    });
                }
            }
            case F64 -> {
                double[] xs = CpuBackend.f64(x);
                double[] y = CpuBackend.f64(out);
                ElementwiseRuns.forEach(out, in, () -> {
                    double[] scratch = new double[BLOCK];
                    return (n, o, at, step) -> UnaryLoops.f64(op, alpha, beta,
                            run(xs, at[0], step[0], n, scratch), start(at[0], step[0]), y, o, n);
                });
            }
            case I32 -> {
                int[] xs = CpuBackend.i32(x);
                int[] y = CpuBackend.i32(out);
                ElementwiseRuns.forEach(out, in, () -> {
                    int[] scratch = new int[BLOCK];
                    return (n, o, at, step) -> UnaryLoops.i32(op, alpha, beta,
                            run(xs, at[0], step[0], n, scratch), start(at[0], step[0]), y, o, n);
                });
            }
        }
    }

    /** {@code out = a op b} for strided {@code a}, {@code b} already broadcast to {@code out}'s shape. */
    static void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        Tensor[] in = {a, b};
        boolean compare = op.isComparison();
        switch (a.dtype()) {
            case F32 -> {
                float[] as = CpuBackend.f32(a);
                float[] bs = CpuBackend.f32(b);
                int[] mask = compare ? CpuBackend.i32(out) : null;
                float[] y = compare ? null : CpuBackend.f32(out);
                ElementwiseRuns.forEach(out, in, () -> {
                    float[] sa = new float[BLOCK];
                    float[] sb = new float[BLOCK];
                    return (n, o, at, step) -> {
                        float[] ra = run(as, at[0], step[0], n, sa);
                        float[] rb = run(bs, at[1], step[1], n, sb);
                        int ia = start(at[0], step[0]);
                        int ib = start(at[1], step[1]);
                        if (compare) {
                            BinaryLoops.compareF32(op, ra, ia, rb, ib, mask, o, n);
                        } else {
                            BinaryLoops.f32(op, ra, ia, rb, ib, y, o, n);
                        }
                    };
                });
            }
            case F64 -> {
                double[] as = CpuBackend.f64(a);
                double[] bs = CpuBackend.f64(b);
                int[] mask = compare ? CpuBackend.i32(out) : null;
                double[] y = compare ? null : CpuBackend.f64(out);
                ElementwiseRuns.forEach(out, in, () -> {
                    double[] sa = new double[BLOCK];
                    double[] sb = new double[BLOCK];
                    return (n, o, at, step) -> {
                        double[] ra = run(as, at[0], step[0], n, sa);
                        double[] rb = run(bs, at[1], step[1], n, sb);
                        int ia = start(at[0], step[0]);
                        int ib = start(at[1], step[1]);
                        if (compare) {
                            BinaryLoops.compareF64(op, ra, ia, rb, ib, mask, o, n);
                        } else {
                            BinaryLoops.f64(op, ra, ia, rb, ib, y, o, n);
                        }
                    };
                });
            }
            case I32 -> {
                int[] as = CpuBackend.i32(a);
                int[] bs = CpuBackend.i32(b);
                int[] y = CpuBackend.i32(out);
                ElementwiseRuns.forEach(out, in, () -> {
                    int[] sa = new int[BLOCK];
                    int[] sb = new int[BLOCK];
                    return (n, o, at, step) -> {
                        int[] ra = run(as, at[0], step[0], n, sa);
                        int[] rb = run(bs, at[1], step[1], n, sb);
                        int ia = start(at[0], step[0]);
                        int ib = start(at[1], step[1]);
                        if (compare) {
                            BinaryLoops.compareI32(op, ra, ia, rb, ib, y, o, n);
                        } else {
                            BinaryLoops.i32(op, ra, ia, rb, ib, y, o, n);
                        }
                    };
                });
            }
        }
    }

    /** {@code out = cond ≠ 0 ? a : b}, all strided and broadcast to {@code out}'s shape. */
    static void where(Tensor cond, Tensor a, Tensor b, Tensor out) {
        Tensor[] in = {cond, a, b};
        int[] cs = CpuBackend.i32(cond);
        switch (out.dtype()) {
            case F32 -> {
                float[] as = CpuBackend.f32(a);
                float[] bs = CpuBackend.f32(b);
                float[] y = CpuBackend.f32(out);
                ElementwiseRuns.forEach(out, in, () -> {
                    int[] sc = new int[BLOCK];
                    float[] sa = new float[BLOCK];
                    float[] sb = new float[BLOCK];
                    return (n, o, at, step) -> {
                        int[] c = run(cs, at[0], step[0], n, sc);
                        float[] ra = run(as, at[1], step[1], n, sa);
                        float[] rb = run(bs, at[2], step[2], n, sb);
                        int ic = start(at[0], step[0]);
                        int ia = start(at[1], step[1]);
                        int ib = start(at[2], step[2]);
                        for (int i = 0; i < n; i++) {
                            y[o + i] = c[ic + i] != 0 ? ra[ia + i] : rb[ib + i];
                        }
                    };
                });
            }
            case F64 -> {
                double[] as = CpuBackend.f64(a);
                double[] bs = CpuBackend.f64(b);
                double[] y = CpuBackend.f64(out);
                ElementwiseRuns.forEach(out, in, () -> {
                    int[] sc = new int[BLOCK];
                    double[] sa = new double[BLOCK];
                    double[] sb = new double[BLOCK];
                    return (n, o, at, step) -> {
                        int[] c = run(cs, at[0], step[0], n, sc);
                        double[] ra = run(as, at[1], step[1], n, sa);
                        double[] rb = run(bs, at[2], step[2], n, sb);
                        int ic = start(at[0], step[0]);
                        int ia = start(at[1], step[1]);
                        int ib = start(at[2], step[2]);
                        for (int i = 0; i < n; i++) {
                            y[o + i] = c[ic + i] != 0 ? ra[ia + i] : rb[ib + i];
                        }
                    };
                });
            }
            case I32 -> {
                int[] as = CpuBackend.i32(a);
                int[] bs = CpuBackend.i32(b);
                int[] y = CpuBackend.i32(out);
                ElementwiseRuns.forEach(out, in, () -> {
                    int[] sc = new int[BLOCK];
                    int[] sa = new int[BLOCK];
                    int[] sb = new int[BLOCK];
                    return (n, o, at, step) -> {
                        int[] c = run(cs, at[0], step[0], n, sc);
                        int[] ra = run(as, at[1], step[1], n, sa);
                        int[] rb = run(bs, at[2], step[2], n, sb);
                        int ic = start(at[0], step[0]);
                        int ia = start(at[1], step[1]);
                        int ib = start(at[2], step[2]);
                        for (int i = 0; i < n; i++) {
                            y[o + i] = c[ic + i] != 0 ? ra[ia + i] : rb[ib + i];
                        }
                    };
                });
            }
        }
    }

    // A segment of an input is used in place when it is unit-stride, else packed into scratch.

    private static float[] run(float[] src, int at, int step, int n, float[] scratch) {
        return step == 1 ? src : ElementwiseRuns.pack(src, at, step, n, scratch);
    }

    private static double[] run(double[] src, int at, int step, int n, double[] scratch) {
        return step == 1 ? src : ElementwiseRuns.pack(src, at, step, n, scratch);
    }

    private static int[] run(int[] src, int at, int step, int n, int[] scratch) {
        return step == 1 ? src : ElementwiseRuns.pack(src, at, step, n, scratch);
    }

    /** Where a segment starts in the array {@link #run} returned. */
    private static int start(int at, int step) {
        return step == 1 ? at : 0;
    }
}
