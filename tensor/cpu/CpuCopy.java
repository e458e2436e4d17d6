package tensor.cpu;

import tensor.DType;
import tensor.Tensor;

/**
 * The strided copy {@code dst[i] = src[i]} for every index {@code i} of their common shape, both
 * sides seen through any offset and strides (the source's may be zero or negative; the
 * destination may be a view such as the interior of a padded tensor or one part of a concatenation).
 * Different dtypes convert as Java's casts do: float to I32 truncates toward zero (NaN becomes 0,
 * out-of-range values saturate), F64 to F32 rounds to nearest.
 *
 * <p>The walk is a {@link StridedWalk} over both layouts; rows whose elements are adjacent on both
 * sides and share a dtype move with {@link System#arraycopy}. Large copies run in parallel, over
 * rows, or over pieces of the row when everything collapses into one.
 */
final class CpuCopy {
    /** Elements below which a copy stays on the calling thread. */
    private static final int GRAIN = 1 << 15;

    private CpuCopy() {}

    /** One run of {@code n} elements: {@code dst[d + k·ds] = src[s + k·ss]}, cast to dst's type. */
    @FunctionalInterface
    private interface Run {
        void copy(int s, int ss, int d, int ds, int n);
    }

    static void copy(Tensor src, Tensor dst) {
        if (src.numel() == 0) {
            return;
        }
        StridedWalk walk = new StridedWalk(src.shape().dims(), new int[] {src.offset(), dst.offset()},
                src.strides(), dst.strides());
        Run run = run(src, dst);
        int len = walk.rowLength();
        int ss = walk.rowStride(0);
        int ds = walk.rowStride(1);
        int rows = walk.rows();
        if (rows == 1) {
            int s0 = walk.offset(0);
            int d0 = walk.offset(1);
            Parallel.forRange(len, GRAIN, (a, b) -> run.copy(s0 + a * ss, ss, d0 + a * ds, ds, b - a));
        } else {
            Parallel.forRange(rows, Math.max(1, GRAIN / len),
                    (a, b) -> walk.walk(a, b, st -> run.copy(st[0], ss, st[1], ds, len)));
        }
    }

    /** The inner loop for this pair of dtypes. */
    private static Run run(Tensor src, Tensor dst) {
        CpuStorage s = (CpuStorage) src.storage();
        CpuStorage d = (CpuStorage) dst.storage();
        DType from = src.dtype();
        DType to = dst.dtype();
        if (from == to) {
            Object sa = from == DType.F32 ? s.f32 : from == DType.F64 ? s.f64 : s.i32;
            Object da = from == DType.F32 ? d.f32 : from == DType.F64 ? d.f64 : d.i32;
            return sameType(from, sa, da);
        }
        return switch (to) {
            case F32 -> from == DType.F64
                    ? (si, ss, di, ds, n) -> { for (int k = 0; k < n; k++) d.f32[di + k * ds] = (float) s.f64[si + k * ss]; }
                    : (si, ss, di, ds, n) -> { for (int k = 0; k < n; k++) d.f32[di + k * ds] = s.i32[si + k * ss]; };
            case F64 -> from == DType.F32
                    ? (si, ss, di, ds, n) -> { for (int k = 0; k < n; k++) d.f64[di + k * ds] = s.f32[si + k * ss]; }
                    : (si, ss, di, ds, n) -> { for (int k = 0; k < n; k++) d.f64[di + k * ds] = s.i32[si + k * ss]; };
            case I32 -> from == DType.F32
                    ? (si, ss, di, ds, n) -> { for (int k = 0; k < n; k++) d.i32[di + k * ds] = (int) s.f32[si + k * ss]; }
                    : (si, ss, di, ds, n) -> { for (int k = 0; k < n; k++) d.i32[di + k * ds] = (int) s.f64[si + k * ss]; };
        };
    }

    /** Same dtype: {@link System#arraycopy} for adjacent runs, an element loop otherwise. */
    private static Run sameType(DType dtype, Object sa, Object da) {
        Run strided = switch (dtype) {
            case F32 -> {
                float[] s = (float[]) sa;
                float[] d = (float[]) da;
                yield (si, ss, di, ds, n) -> { for (int k = 0; k < n; k++) d[di + k * ds] = s[si + k * ss]; };
            }
            case F64 -> {
                double[] s = (double[]) sa;
                double[] d = (double[]) da;
                yield (si, ss, di, ds, n) -> { for (int k = 0; k < n; k++) d[di + k * ds] = s[si + k * ss]; };
            }
            case I32 -> {
                int[] s = (int[]) sa;
                int[] d = (int[]) da;
                yield (si, ss, di, ds, n) -> { for (int k = 0; k < n; k++) d[di + k * ds] = s[si + k * ss]; };
            }
        };
        return (si, ss, di, ds, n) -> {
            if ((ss == 1 && ds == 1) || n == 1) {
                System.arraycopy(sa, si, da, di, n);
            } else {
                strided.copy(si, ss, di, ds, n);
            }
        };
    }
}
