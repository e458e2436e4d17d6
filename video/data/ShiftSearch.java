package video.data;

/**
 * Global translation between consecutive frames, for camera pans: for each pair {@code (a, b)} the
 * integer shift {@code s = (sx, sy)}, {@code |sx|, |sy| ≤ maxShift}, minimising the mean squared
 * difference {@code mean over the overlap of ‖b(p) − a(p − s)‖²}; ties go to the smaller shift.
 * Exhaustive search costs {@code (2·maxShift + 1)²·H·W} per pair, trivial at these sizes, and
 * unlike circular phase correlation it is not confused by content entering at the edges. The
 * result is the mean best shift over all pairs: how picture content moves on screen (a camera
 * panning right makes content move left).
 */
public final class ShiftSearch {
    private ShiftSearch() {
    }

    public static Motion measure(Clip clip, int maxShift) {
        CentroidTracker.requireRgb(clip);
        if (maxShift < 1 || 2 * maxShift >= Math.min(clip.height(), clip.width())) {
            throw new IllegalArgumentException("ShiftSearch: maxShift " + maxShift + " must be in 1.."
                    + ((Math.min(clip.height(), clip.width()) - 1) / 2) + " for " + clip);
        }
        double sumDx = 0, sumDy = 0;
        for (int t = 1; t < clip.frames(); t++) {
            int[] s = bestShift(clip, t - 1, t, maxShift);
            sumDx += s[0];
            sumDy += s[1];
        }
        int pairs = clip.frames() - 1;
        return pairs == 0 ? new Motion(0, 0, 0) : new Motion(sumDx / pairs, sumDy / pairs, pairs);
    }

    /** The shift {@code (sx, sy)} that best maps frame {@code a} onto frame {@code b}. */
    static int[] bestShift(Clip clip, int a, int b, int maxShift) {
        int[] best = {0, 0};
        double bestError = Double.POSITIVE_INFINITY;
        for (int sy = -maxShift; sy <= maxShift; sy++) {
            for (int sx = -maxShift; sx <= maxShift; sx++) {
                double error = meanSquaredDifference(clip, a, b, sx, sy);
                boolean smaller = Math.abs(sx) + Math.abs(sy) < Math.abs(best[0]) + Math.abs(best[1]);
                if (error < bestError - 1e-12 || (error <= bestError + 1e-12 && smaller)) {
                    bestError = error;
                    best = new int[] {sx, sy};
                }
            }
        }
        return best;
    }

    private static double meanSquaredDifference(Clip clip, int a, int b, int sx, int sy) {
        double sum = 0;
        int n = 0;
        for (int y = Math.max(0, sy); y < Math.min(clip.height(), clip.height() + sy); y++) {
            for (int x = Math.max(0, sx); x < Math.min(clip.width(), clip.width() + sx); x++) {
                for (int c = 0; c < 3; c++) {
                    double d = clip.get(c, b, y, x) - clip.get(c, a, y - sy, x - sx);
                    sum += d * d;
                }
                n++;
            }
        }
        return sum / n;
    }
}
