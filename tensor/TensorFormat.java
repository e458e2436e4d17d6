package tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * NumPy/PyTorch-style printing of tensors. The exact format:
 *
 * <pre>
 * tensor([[1., 2.],
 *         [3., 4.]], dtype=F32)
 * tensor([[[ 0,  1],
 *         [ 2,  3]],
 *
 *        [[ 4,  5],
 *         [-6, 17]]], dtype=I32, device=cl:0)
 * tensor(0.5000, dtype=F64)
 * tensor([], shape=[0, 3], dtype=F32)
 * </pre>
 *
 * <ul>
 *   <li>Nested brackets, one row of the last axis per line, each line indented under its opening
 *       bracket; blocks of rank k ≥ 2 are separated by k − 1 blank lines. Rows are not wrapped.</li>
 *   <li>Every shown element is right-aligned to the widest one.</li>
 *   <li>I32 prints plain integers. Floats, chosen over the finite shown values: whole numbers print
 *       as {@code 3.}; otherwise four decimals ({@code 0.5000}); scientific notation
 *       ({@code 1.2346e+05}) when the largest magnitude is at least 1e8, the smallest non-zero one
 *       below 1e-4, or their ratio above 1000. Non-finite values print as {@code nan}, {@code inf},
 *       {@code -inf}.</li>
 *   <li>More than 1000 elements: each axis longer than 6 shows its first and last 3 entries around
 *       {@code ...}.</li>
 *   <li>A rank-0 tensor prints its value alone; the device is named unless it is {@code cpu}.</li>
 * </ul>
 */
final class TensorFormat {
    /** Tensors with more elements than this are summarised. */
    static final int SUMMARY_THRESHOLD = 1000;
    /** Entries shown at each end of a summarised axis. */
    static final int EDGE_ITEMS = 3;
    private static final String OPEN = "tensor(";

    private TensorFormat() {}

    static String format(Tensor t) {
        t.checkOpen("toString");
        StringBuilder out = new StringBuilder(OPEN);
        if (t.numel() == 0) {
            out.append("[], shape=").append(t.shape());
        } else {
            double[] values = t.toDoubleArray();
            int[] dims = t.shape().dims();
            boolean summarise = t.numel() > SUMMARY_THRESHOLD;
            List<Double> shown = new ArrayList<>();
            collect(values, dims, 0, 0, summarise, shown);
            Elements elements = Elements.choose(t.dtype(), shown);
            new Printer(values, dims, summarise, elements, out).block(0, 0);
        }
        out.append(", dtype=").append(t.dtype());
        if (!t.backend().name().equals("cpu")) {
            out.append(", device=").append(t.backend().name());
        }
        return out.append(')').toString();
    }

    /** Indices shown along an axis of length {@code n}: all, or the edges with −1 marking the gap. */
    private static int[] shownIndices(int n, boolean summarise) {
        if (!summarise || n <= 2 * EDGE_ITEMS) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] edges = new int[2 * EDGE_ITEMS + 1];
        for (int i = 0; i < EDGE_ITEMS; i++) {
            edges[i] = i;
            edges[EDGE_ITEMS + 1 + i] = n - EDGE_ITEMS + i;
        }
        edges[EDGE_ITEMS] = -1;
        return edges;
    }

    private static int stride(int[] dims, int axis) {
        int s = 1;
        for (int a = axis + 1; a < dims.length; a++) {
            s *= dims[a];
        }
        return s;
    }

    /** The values that will be printed, so that format and width depend only on them. */
    private static void collect(double[] values, int[] dims, int axis, int base, boolean summarise, List<Double> shown) {
        if (axis == dims.length) {
            shown.add(values[base]);
            return;
        }
        for (int i : shownIndices(dims[axis], summarise)) {
            if (i >= 0) {
                collect(values, dims, axis + 1, base + i * stride(dims, axis), summarise, shown);
            }
        }
    }

    /** Writes the nested brackets. */
    private record Printer(double[] values, int[] dims, boolean summarise, Elements elements, StringBuilder out) {
        void block(int axis, int base) {
            if (axis == dims.length) {
                out.append(elements.format(values[base]));
                return;
            }
            out.append('[');
            int[] indices = shownIndices(dims[axis], summarise);
            String separator = axis == dims.length - 1 ? ", "
                    : "," + "\n".repeat(dims.length - axis - 1) + " ".repeat(OPEN.length() + axis + 1);
            for (int k = 0; k < indices.length; k++) {
                if (k > 0) {
                    out.append(separator);
                }
                if (indices[k] < 0) {
                    out.append("...");
                } else {
                    block(axis + 1, base + indices[k] * stride(dims, axis));
                }
            }
            out.append(']');
        }
    }

    /** How each element is written, and the common width. */
    private record Elements(Style style, int width) {
        enum Style { INTEGER, WHOLE, FIXED, SCIENTIFIC }

        static Elements choose(DType dtype, List<Double> shown) {
            Style style = dtype.isFloating() ? floatStyle(shown) : Style.INTEGER;
            int width = 0;
            for (double v : shown) {
                width = Math.max(width, write(style, v).length());
            }
            return new Elements(style, width);
        }

        private static Style floatStyle(List<Double> shown) {
            boolean whole = true;
            double max = 0;
            double minNonZero = Double.POSITIVE_INFINITY;
            for (double v : shown) {
                if (!Double.isFinite(v)) {
                    continue;
                }
                double a = Math.abs(v);
                whole &= v == Math.rint(v);
                max = Math.max(max, a);
                if (a > 0) {
                    minNonZero = Math.min(minNonZero, a);
                }
            }
            if (max >= 1e8) {
                return Style.SCIENTIFIC;
            }
            if (whole) {
                return Style.WHOLE;
            }
            return minNonZero < 1e-4 || max / minNonZero > 1000 ? Style.SCIENTIFIC : Style.FIXED;
        }

        String format(double v) {
            String s = write(style, v);
            return " ".repeat(width - s.length()) + s;
        }

        private static String write(Style style, double v) {
            if (Double.isNaN(v)) {
                return "nan";
            }
            if (Double.isInfinite(v)) {
                return v > 0 ? "inf" : "-inf";
            }
            return switch (style) {
                case INTEGER -> Long.toString((long) v);
                case WHOLE -> String.format(Locale.ROOT, "%.0f.", v);
                case FIXED -> String.format(Locale.ROOT, "%.4f", v);
                case SCIENTIFIC -> String.format(Locale.ROOT, "%.4e", v);
            };
        }
    }
}
