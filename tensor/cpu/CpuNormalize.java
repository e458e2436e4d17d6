package tensor.cpu;

import tensor.Tensor;

/**
 * Row normalisation and its gradient in double, rounded once: each contiguous row {@code x} of
 * the trailing axes becomes {@code x̂ = (x − μ)·r}, {@code r = 1/√(σ² + eps)}, with {@code μ} the
 * row mean and {@code σ² = mean((x − μ)²)}, or {@code μ = 0} without centring (RMSNorm). For output
 * gradient {@code g}: {@code ∂x = r·(g − mean(g) − x̂·mean(g·x̂))}, without the {@code mean(g)}
 * term when not centring.
 */
final class CpuNormalize {
    /** Elements per parallel task, at least. */
    private static final int GRAIN = 32 * 1024;

    private CpuNormalize() {}

    static void forward(Tensor x, int axis, boolean center, double eps, Tensor out) {
        eachRow(x, axis, (row, at, xs) -> {
            Moments m = Moments.of(xs, center, eps);
            for (int i = 0; i < xs.length; i++) {
                xs[i] = (xs[i] - m.mean) * m.r;
            }
            DoubleBlocks.store(xs, out, out.offset() + at, xs.length);
        });
    }

    static void backward(Tensor x, Tensor g, int axis, boolean center, double eps, Tensor gradX) {
        eachRow(x, axis, (row, at, xs) -> {
            double[] gs = new double[xs.length];
            DoubleBlocks.load(g, g.offset() + at, gs.length, gs);
            Moments m = Moments.of(xs, center, eps);
            double meanG = 0;
            double meanGx = 0;
            for (int i = 0; i < xs.length; i++) {
                xs[i] = (xs[i] - m.mean) * m.r; // x̂
                meanG += gs[i];
                meanGx += gs[i] * xs[i];
            }
            meanG = center ? meanG / xs.length : 0;
            meanGx /= xs.length;
            for (int i = 0; i < xs.length; i++) {
                gs[i] = m.r * (gs[i] - meanG - xs[i] * meanGx);
            }
            DoubleBlocks.store(gs, gradX, gradX.offset() + at, gs.length);
        });
    }

    /** A row's mean (0 without centring) and {@code r = 1/√(variance + eps)}. */
    private record Moments(double mean, double r) {
        static Moments of(double[] xs, boolean center, double eps) {
            double mean = 0;
            if (center) {
                for (double v : xs) {
                    mean += v;
                }
                mean /= xs.length;
            }
            double squares = 0;
            for (double v : xs) {
                squares += (v - mean) * (v - mean);
            }
            return new Moments(mean, 1 / Math.sqrt(squares / xs.length + eps));
        }
    }

    private interface RowBody {
        /** Row {@code row} starts at flat element {@code at}; {@code xs} holds its values (and may be overwritten). */
        void run(int row, int at, double[] xs);
    }

    private static void eachRow(Tensor x, int axis, RowBody body) {
        int n = 1;
        for (int d = axis; d < x.rank(); d++) {
            n *= x.dim(d);
        }
        if (x.numel() == 0 || n == 0) {
            return;
        }
        int len = n;
        Parallel.forRange(x.numel() / n, Math.max(1, GRAIN / n), (from, to) -> {
            double[] xs = new double[len];
            for (int row = from; row < to; row++) {
                DoubleBlocks.load(x, x.offset() + row * len, len, xs);
                body.run(row, row * len, xs);
            }
        });
    }
}
