package tensor.cpu;

import tensor.DType;
import tensor.Philox;
import tensor.Tensor;

/**
 * Philox random fills on the CPU, following {@link tensor.Generator}'s mapping: element {@code e}
 * of a draw starting at block {@code c} reads word {@code e mod 4} of block {@code c + e / 4}.
 * The loop runs in parallel over blocks; every element depends only on its own block, so the
 * result is the same bits however the blocks are split among threads.
 */
final class CpuRandom {
    /** Blocks per parallel task: small draws stay on the calling thread. */
    private static final int GRAIN = 4096;

    private CpuRandom() {}

    /** Uniform draws in [0, 1): {@link Philox#uniformF32} or {@link Philox#uniformF64} of each word. */
    static void uniform(Tensor out, long seed, long stream, long counter) {
        fill(out, seed, stream, counter, false);
    }

    /** Standard normal draws: {@link Philox#normal} on word pairs (0, 1) and (2, 3) of each block. */
    static void normal(Tensor out, long seed, long stream, long counter) {
        fill(out, seed, stream, counter, true);
    }

    private static void fill(Tensor out, long seed, long stream, long counter, boolean normal) {
        DType dtype = out.dtype();
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException((normal ? "randn" : "rand") + ": " + dtype
                    + " tensors cannot hold random draws");
        }
        int n = out.numel();
        int offset = out.offset();
        float[] f32 = dtype == DType.F32 ? CpuBackend.f32(out) : null;
        double[] f64 = dtype == DType.F64 ? CpuBackend.f64(out) : null;
        int blocks = (int) ((n + 3L) / 4);
        Parallel.forRange(blocks, GRAIN, (from, to) -> {
            int[] words = new int[4];
            for (int b = from; b < to; b++) {
                Philox.block(seed, stream, counter + b, words);
                int first = 4 * b;
                int count = Math.min(4, n - first);
                for (int i = 0; i < count; i++) {
                    int at = offset + first + i;
                    if (normal) {
                        double v = Philox.normal(words[i & ~1], words[i | 1], (i & 1) == 1);
                        if (f32 != null) {
                            f32[at] = (float) v;
                        } else {
                            f64[at] = v;
                        }
                    } else if (f32 != null) {
                        f32[at] = Philox.uniformF32(words[i]);
                    } else {
                        f64[at] = Philox.uniformF64(words[i]);
                    }
                }
            }
        });
    }
}
