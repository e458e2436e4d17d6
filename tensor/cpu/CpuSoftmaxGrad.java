package tensor.cpu;

import tensor.Tensor;

/**
 * The gradient of softmax and log-softmax along one axis, line by line in double, rounded once.
 * For softmax output {@code y} and output gradient {@code g} along a line:
 * <pre>
 *   softmax:      ∂x_i = y_i · (g_i − Σ_j g_j · y_j)
 *   log-softmax:  ∂x_i = g_i − e^{y_i} · Σ_j g_j
 * </pre>
 * Inputs are contiguous, seen as {@code [outer, along, inner]} around the axis.
 */
final class CpuSoftmaxGrad {
    /** Lines per parallel task, at least: enough elements that splitting pays. */
    private static final int GRAIN = 32 * 1024;

    private CpuSoftmaxGrad() {}

    static void backward(Tensor y, Tensor g, int axis, boolean log, Tensor gradX) {
        int[] dims = y.shape().dims();
        int along = dims[axis];
        int inner = 1;
        for (int d = axis + 1; d < dims.length; d++) {
            inner *= dims[d];
        }
        if (y.numel() == 0) {
            return;
        }
        int lines = y.numel() / along;
        int innerSize = inner;
        Parallel.forRange(lines, Math.max(1, GRAIN / along), (from, to) -> {
            double[] yl = new double[along];
            double[] gl = new double[along];
            for (int line = from; line < to; line++) {
                int start = line / innerSize * along * innerSize + line % innerSize;
                load(y, start, innerSize, yl);
                load(g, start, innerSize, gl);
                double dot = 0;
                for (int i = 0; i < along; i++) {
                    dot += log ? gl[i] : gl[i] * yl[i];
                }
                for (int i = 0; i < along; i++) {
                    gl[i] = log ? gl[i] - Math.exp(yl[i]) * dot : yl[i] * (gl[i] - dot);
                }
                store(gl, gradX, start, innerSize);
            }
        });
    }

    /** The line from flat index {@code start} (relative to the tensor's offset) with element stride {@code stride}. */
    private static void load(Tensor t, int start, int stride, double[] line) {
        if (stride == 1) {
            DoubleBlocks.load(t, t.offset() + start, line.length, line);
            return;
        }
        double[] one = new double[1];
        for (int i = 0; i < line.length; i++) {
            DoubleBlocks.load(t, t.offset() + start + i * stride, 1, one);
            line[i] = one[0];
        }
    }

    private static void store(double[] line, Tensor t, int start, int stride) {
        if (stride == 1) {
            DoubleBlocks.store(line, t, t.offset() + start, line.length);
            return;
        }
        double[] one = new double[1];
        for (int i = 0; i < line.length; i++) {
            one[0] = line[i];
            DoubleBlocks.store(one, t, t.offset() + start + i * stride, 1);
        }
    }
}
