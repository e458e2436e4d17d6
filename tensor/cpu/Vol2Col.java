package tensor.cpu;

import tensor.ConvSpec;

/**
 * The column-matrix view of one channel group of a 3D convolution input ("vol2col", the 3D form of
 * im2col from Chellapilla, Puri and Simard, "High Performance Convolutional Neural Networks for
 * Document Processing", 2006). With {@code Cg} input channels per group and a {@code kT × kH × kW}
 * kernel, the matrix has {@code Cg·kT·kH·kW} rows, one per (channel c, tap i, j, l), and one column per
 * output position {@code p = (t, h, w)}:
 * <pre>
 *   cols[(c, i, j, l), (t, h, w)] = x[c, t·sT − pT + i·dT, h·sH − pH + j·dH, w·sW − pW + l·dW]
 * </pre>
 * or 0 where that index falls in the padding. A convolution is then the matrix product
 * {@code W_g [O/G × rows] · cols}. This class only knows the geometry: {@link #forEachRun} lists,
 * for one row and a range of columns, the runs of consecutive columns that read real input
 * (consecutive in {@code w}, so the input index advances by {@code sW}); callers copy or
 * accumulate those runs and treat everything else as zero.
 */
final class Vol2Col {
    /** One run: columns {@code column … column + count − 1} read input {@code x[index + q·stride]}. */
    @FunctionalInterface
    interface RunVisitor {
        void run(int column, int index, int stride, int count);
    }

    private final int[] in;
    private final int[] kernel;
    private final int[] out;
    private final ConvSpec spec;
    private final int taps;

    /**
     * @param in     input sizes T, H, W
     * @param kernel kernel sizes kT, kH, kW
     * @param out    output sizes (from {@link ConvSpec#outputSize})
     */
    Vol2Col(int[] in, int[] kernel, int[] out, ConvSpec spec) {
        this.in = in.clone();
        this.kernel = kernel.clone();
        this.out = out.clone();
        this.spec = spec;
        this.taps = kernel[0] * kernel[1] * kernel[2];
    }

    /** Kernel taps per channel, {@code kT·kH·kW}. */
    int taps() {
        return taps;
    }

    /** Output positions, {@code To·Ho·Wo}: the number of columns. */
    int columns() {
        return out[0] * out[1] * out[2];
    }

    /** Input elements per channel, {@code T·H·W}. */
    int inputVolume() {
        return in[0] * in[1] * in[2];
    }

    /**
     * Visits the runs of row {@code row} within columns {@code [from, to)} that lie inside the
     * input; {@code column} is reported relative to {@code from}, {@code index} relative to the
     * group's first input channel.
     */
    void forEachRun(int row, int from, int to, RunVisitor visitor) {
        int l = row % kernel[2];
        int j = row / kernel[2] % kernel[1];
        int i = row / (kernel[2] * kernel[1]) % kernel[0];
        int channelStart = row / taps * inputVolume();
        int sW = spec.stride()[2];
        int wShift = l * spec.dilation()[2] - spec.padBefore()[2];
        // Output columns w whose input column w·sW + wShift lies in [0, W).
        int wFirst = Math.max(0, -Math.floorDiv(wShift, sW));
        int wEnd = Math.min(out[2], Math.floorDiv(in[2] - 1 - wShift, sW) + 1);
        int p = from;
        while (p < to) {
            int w = p % out[2];
            int h = p / out[2] % out[1];
            int t = p / (out[2] * out[1]);
            int rowEnd = Math.min(to, p - w + out[2]);
            int tIn = t * spec.stride()[0] - spec.padBefore()[0] + i * spec.dilation()[0];
            int hIn = h * spec.stride()[1] - spec.padBefore()[1] + j * spec.dilation()[1];
            if (tIn >= 0 && tIn < in[0] && hIn >= 0 && hIn < in[1]) {
                int lo = Math.max(w, wFirst);
                int hi = Math.min(w + rowEnd - p, wEnd);
                if (lo < hi) {
                    int index = channelStart + (tIn * in[1] + hIn) * in[2] + lo * sW + wShift;
                    visitor.run(p - from + lo - w, index, sW, hi - lo);
                }
            }
            p = rowEnd;
        }
    }
}
