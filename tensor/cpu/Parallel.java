package tensor.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Splits a loop {@code for (i = 0; i < n; i++)} into contiguous ranges run on the common
 * fork-join pool. Ranges are never smaller than {@code grain} iterations, so small loops stay on
 * the calling thread.
 */
public final class Parallel {
    /** The body of a loop over {@code [from, to)}. */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    private Parallel() {}

    public static void forRange(int n, int grain, Range body) {
        int workers = ForkJoinPool.getCommonPoolParallelism() + 1;
        if (n <= grain || workers == 1) {
            body.run(0, n);
            return;
        }
        int chunks = Math.min(workers * 4, (n + grain - 1) / grain);
        ForkJoinPool.commonPool().invoke(new Split(body, n, chunks, 0, chunks));
    }

    private static final class Split extends RecursiveAction {
        private final Range body;
        private final int n;
        private final int chunks;
        private final int lo;
        private final int hi;

        Split(Range body, int n, int chunks, int lo, int hi) {
            this.body = body;
            this.n = n;
            this.chunks = chunks;
            this.lo = lo;
            this.hi = hi;
        }

        @Override
        protected void compute() {
            if (hi - lo == 1) {
                body.run((int) ((long) n * lo / chunks), (int) ((long) n * hi / chunks));
                return;
            }
            int mid = (lo + hi) >>> 1;
            invokeAll(new Split(body, n, chunks, lo, mid), new Split(body, n, chunks, mid, hi));
        }
    }
}
