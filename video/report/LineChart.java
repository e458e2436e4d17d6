package video.report;

import java.util.List;
import java.util.Locale;

/**
 * Draws series as an inline SVG line chart: one polyline per series over shared axes spanning all
 * finite points, labelled ticks at round values (1, 2 or 5 times a power of ten apart, about five
 * per axis; whole numbers on the step axis), a legend. With {@code logY} the value axis is
 * {@code log10} (non-positive values are then skipped). Non-finite points are skipped too; a gap
 * breaks the line into separate polylines.
 */
public final class LineChart {
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
            "#e377c2", "#17becf"};
    private static final int LEFT = 64, RIGHT = 16, TOP = 16, BOTTOM = 40, TICKS = 5;

    private LineChart() {
    }

    public static String svg(List<Series> series, int width, int height, boolean logY) {
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.steps().length; i++) {
                double y = y(s.values()[i], logY);
                if (Double.isFinite(s.steps()[i]) && Double.isFinite(y)) {
                    minX = Math.min(minX, s.steps()[i]);
                    maxX = Math.max(maxX, s.steps()[i]);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", width, height, width, height));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#888\"/>%n", LEFT, TOP, width - LEFT - RIGHT, height - TOP - BOTTOM));
        if (minX > maxX) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">no data</text>%n", width / 2 - 20, height / 2));
            return svg.append("</svg>").toString();
        }
        if (maxX == minX) {
            maxX = minX + 1;
        }
        if (maxY == minY) {
            maxY = minY + 1;
        }
        Frame f = new Frame(minX, maxX, minY, maxY, width, height);
        axes(svg, f, logY);
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            String colour = COLOURS[k % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (int i = 0; i <= s.steps().length; i++) {
                double y = i < s.steps().length ? y(s.values()[i], logY) : Double.NaN;
                if (i < s.steps().length && Double.isFinite(s.steps()[i]) && Double.isFinite(y)) {
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", f.px(s.steps()[i]), f.py(y)));
                } else if (points.length() > 0) {
                    svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" "
                            + "points=\"%s\"/>%n", colour, points.toString().trim()));
                    points.setLength(0);
                }
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n", width - RIGHT - 150,
                    TOP + 14 + 14 * k, colour, HtmlReport.escape(s.name())));
        }
        return svg.append("</svg>").toString();
    }

    private static void axes(StringBuilder svg, Frame f, boolean logY) {
        for (double x : ticks(f.minX, f.maxX, 1)) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    f.px(x), f.height - BOTTOM + 16, label(x)));
        }
        for (double y : logY ? logTicks(f.minY, f.maxY) : ticks(f.minY, f.maxY, 0)) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 6, f.py(y) + 4, label(logY ? Math.pow(10, y) : y)));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>%n",
                    LEFT, f.width - RIGHT, f.py(y), f.py(y)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">step</text>%n",
                (f.width + LEFT) / 2, f.height - 6));
    }

    /**
     * Round values in {@code [min, max]}: multiples of the smallest step {@code {1, 2, 5}·10^k}
     * (and at least {@code leastStep}) that gives at most {@link #TICKS} of them.
     */
    static List<Double> ticks(double min, double max, double leastStep) {
        double rough = (max - min) / (TICKS - 1);
        double decade = Math.pow(10, Math.floor(Math.log10(rough)));
        double step = decade * 10;
        for (double m : new double[] {1, 2, 5, 10}) {
            if (decade * m * TICKS >= max - min - 1e-12 * Math.abs(max)) {
                step = decade * m;
                break;
            }
        }
        step = Math.max(step, leastStep);
        List<Double> ticks = new java.util.ArrayList<>();
        for (double t = Math.ceil(min / step - 1e-9) * step; t <= max + step * 1e-9; t += step) {
            ticks.add(Math.abs(t) < step * 1e-9 ? 0 : t);
        }
        return ticks;
    }

    /**
     * Ticks of a log axis spanning {@code log10} values {@code [min, max]}, as {@code log10} values:
     * at {@code 1, 2, 5 × 10^k}, or only at powers of ten when those would be too many.
     */
    static List<Double> logTicks(double min, double max) {
        List<Double> all = new java.util.ArrayList<>();
        List<Double> decades = new java.util.ArrayList<>();
        for (long k = (long) Math.floor(min); k <= (long) Math.ceil(max); k++) {
            for (double m : new double[] {1, 2, 5}) {
                double t = Math.log10(m) + k;
                if (t >= min - 1e-9 && t <= max + 1e-9) {
                    all.add(t);
                    if (m == 1) {
                        decades.add(t);
                    }
                }
            }
        }
        return all.size() <= TICKS + 1 || decades.size() < 2 ? all : decades;
    }

    private static double y(double value, boolean logY) {
        return logY ? (value > 0 ? Math.log10(value) : Double.NaN) : value;
    }

    private static String label(double v) {
        double a = Math.abs(v);
        return a != 0 && (a >= 1e5 || a < 1e-3) ? String.format(Locale.ROOT, "%.2e", v)
                : String.format(Locale.ROOT, "%.4g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    /** Maps data coordinates to pixels. */
    private record Frame(double minX, double maxX, double minY, double maxY, int width, int height) {
        double px(double x) {
            return LEFT + (x - minX) / (maxX - minX) * (width - LEFT - RIGHT);
        }

        double py(double y) {
            return height - BOTTOM - (y - minY) / (maxY - minY) * (height - TOP - BOTTOM);
        }
    }
}
