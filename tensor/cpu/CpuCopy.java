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
        if (needsTiles(walk)) {
            copyTiled(walk, run);
        } else if (rows == 1) {
            int s0 = walk.offset(0);
            int d0 = walk.offset(1);
            Parallel.forRange(len, GRAIN, (a, b) -> run.copy(s0 + a * ss, ss, d0 + a * ds, ds, b - a));
        } else {
            Parallel.forRange(rows, Math.max(1, GRAIN / len),
                    (a, b) -> walk.walk(a, b, st -> run.copy(st[0], ss, st[1], ds, len)));
        }
    }

    /** Side of the square tiles in which strided two-axis copies (transposes) proceed. */
    private static final int TILE = 32;

    /**
     * Whether a row steps through memory with a large stride on either side (a transpose, say)
     * and the two innermost axes are big enough for tiles to keep their cache lines in use.
     */
    private static boolean needsTiles(StridedWalk walk) {
        int r = walk.rank();
        if (r < 2 || walk.rowLength() < TILE || walk.dim(r - 2) < TILE) {
            return false;
        }
        int ss = Math.abs(walk.rowStride(0));
        int ds = Math.abs(walk.rowStride(1));
        return ss > 1 || ds > 1;
    }

    /**
     * The two innermost axes in {@code TILE × TILE} tiles: within a tile, consecutive rows read and
     * write neighbouring addresses along the second-innermost axis, so each cache line fetched is
     * used {@code TILE} times. Work units are bands of {@code TILE} rows.
     */
    private static void copyTiled(StridedWalk walk, Run run) {
        int r = walk.rank();
        int len = walk.rowLength();
        int ss = walk.rowStride(0);
        int ds = walk.rowStride(1);
        int height = walk.dim(r - 2);
        int s2 = walk.stride(0, r - 2);
        int d2 = walk.stride(1, r - 2);
        int bands = (height + TILE - 1) / TILE;
        int units = walk.rows() / height * bands;
        Parallel.forRange(units, Math.max(1, GRAIN / (TILE * len)), (from, to) -> {
            for (int u = from; u < to; u++) {
                int i0 = (u % bands) * TILE;
                int i1 = Math.min(height, i0 + TILE);
                int[] start = walk.rowStart(u / bands * height);
                for (int j0 = 0; j0 < len; j0 += TILE) {
                    int width = Math.min(TILE, len - j0);
                    for (int i = i0; i < i1; i++) {
                        run.copy(start[0] + i * s2 + j0 * ss, ss, start[1] + i * d2 + j0 * ds, ds, width);
                    }
                }
            }
        });
    }

    /** The inner loop for this pair of dtypes. */
    private static Run run(Tensor src, Tensor dst) {
        CpuStorage s = (CpuStorage) src.storage();
        CpuStorage d = (CpuStorage) dst.storage();
        DType from = src.dtype();
        DType to = dst.dtype();
        if (from == to) {
            return sameType(from, array(s), array(d));
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

    /** The Java array behind a storage, whatever its dtype, for {@link System#arraycopy}. */
    static Object array(CpuStorage s) {
        return switch (s.dtype()) {
            case F32 -> s.f32;
            case F64 -> s.f64;
            case I32 -> s.i32;
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
