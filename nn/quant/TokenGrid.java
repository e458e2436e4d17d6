package nn.quant;

import autograd.Variable;
import tensor.ShapeException;

/**
 * How a quantizer sees its input: {@code x [N, D, …]} (channels on axis 1, any number of grid
 * axes after, e.g. {@code T, H, W}) as {@code M = N·…} rows of {@code D} values, and back.
 *
 * @param dims the input's shape
 */
record TokenGrid(int[] dims) {

    /** Checks that {@code x} is {@code [N, channels, …]}. */
    static TokenGrid of(String layer, Variable x, int channels) {
        int[] d = x.shape().dims();
        if (d.length < 2 || d[1] != channels) {
            throw new ShapeException(layer, "input must be [N, " + channels + ", …] (channels on axis 1), got shape " + x.shape());
        }
        return new TokenGrid(d.clone());
    }

    int channels() {
        return dims[1];
    }

    /** The number of tokens {@code M}. */
    int tokens() {
        int m = dims[0];
        for (int a = 2; a < dims.length; a++) {
            m *= dims[a];
        }
        return m;
    }

    /** {@code [N, D, …] → [M, D]}, token order {@code N, …} row-major. */
    Variable toRows(Variable x) {
        return x.permute(channelsLast()).reshape(tokens(), channels());
    }

    /** {@code [M, D'] → [N, D', …]}. */
    Variable fromRows(Variable rows) {
        int[] last = new int[dims.length];
        last[0] = dims[0];
        for (int a = 2; a < dims.length; a++) {
            last[a - 1] = dims[a];
        }
        last[dims.length - 1] = rows.shape().dim(1);
        int[] back = new int[dims.length];
        back[0] = 0;
        back[1] = dims.length - 1;
        for (int a = 2; a < dims.length; a++) {
            back[a] = a - 1;
        }
        return rows.reshape(last).permute(back);
    }

    /** The shape of one code per token: {@code [N, …]}. */
    int[] codeShape() {
        int[] s = new int[dims.length - 1];
        s[0] = dims[0];
        System.arraycopy(dims, 2, s, 1, dims.length - 2);
        return s;
    }

    private int[] channelsLast() {
        int[] order = new int[dims.length];
        order[0] = 0;
        for (int a = 2; a < dims.length; a++) {
            order[a - 1] = a;
        }
        order[dims.length - 1] = 1;
        return order;
    }
}
