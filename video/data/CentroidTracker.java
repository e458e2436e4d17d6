package video.data;

import java.util.HashMap;
import java.util.Map;

/**
 * Object motion measured by foreground centroids. The background colour is the most frequent
 * colour of the first frame (channels quantised to 16 levels); a pixel is foreground when its RGB
 * distance from it exceeds {@link #THRESHOLD}, which lies between the world's texture contrast and
 * its object contrast, so texture specks are ignored. Each frame's foreground centroid is the mean
 * of its foreground pixel centres; the motion is the mean centroid displacement between
 * consecutive frames in which both have foreground. Objects that move together keep their union
 * rigid, so the centroid moves exactly with them while they stay in view.
 */
public final class CentroidTracker {
    /** Foreground threshold on RGB distance from the background. */
    public static final double THRESHOLD = (WorldConfig.TEXTURE_CONTRAST + WorldConfig.MIN_CONTRAST) / 2;

    private CentroidTracker() {
    }

    public static Motion measure(Clip clip) {
        requireRgb(clip);
        float[] background = dominantColour(clip, 0);
        double sumDx = 0, sumDy = 0;
        int pairs = 0;
        double[] previous = centroid(clip, 0, background);
        for (int t = 1; t < clip.frames(); t++) {
            double[] current = centroid(clip, t, background);
            if (previous != null && current != null) {
                sumDx += current[0] - previous[0];
                sumDy += current[1] - previous[1];
                pairs++;
            }
            previous = current;
        }
        return pairs == 0 ? new Motion(0, 0, 0) : new Motion(sumDx / pairs, sumDy / pairs, pairs);
    }

    /** The foreground centroid {@code (x, y)} of frame {@code t}, or null when it has no foreground. */
    static double[] centroid(Clip clip, int t, float[] background) {
        double sx = 0, sy = 0;
        int n = 0;
        for (int y = 0; y < clip.height(); y++) {
            for (int x = 0; x < clip.width(); x++) {
                double d2 = 0;
                for (int c = 0; c < 3; c++) {
                    double d = clip.get(c, t, y, x) - background[c];
                    d2 += d * d;
                }
                if (d2 > THRESHOLD * THRESHOLD) {
                    sx += x + 0.5;
                    sy += y + 0.5;
                    n++;
                }
            }
        }
        return n == 0 ? null : new double[] {sx / n, sy / n};
    }

    /** The most frequent colour of frame {@code t}, channels quantised to 16 levels (bin centres). */
    static float[] dominantColour(Clip clip, int t) {
        Map<Integer, Integer> counts = new HashMap<>();
        int best = 0, bestCount = -1;
        for (int y = 0; y < clip.height(); y++) {
            for (int x = 0; x < clip.width(); x++) {
                int key = 0;
                for (int c = 0; c < 3; c++) {
                    key = key * 16 + Math.min(15, Math.max(0, (int) (clip.get(c, t, y, x) * 16)));
                }
                int count = counts.merge(key, 1, Integer::sum);
                if (count > bestCount) {
                    best = key;
                    bestCount = count;
                }
            }
        }
        return new float[] {((best >> 8) + 0.5f) / 16, (((best >> 4) & 15) + 0.5f) / 16, ((best & 15) + 0.5f) / 16};
    }

    static void requireRgb(Clip clip) {
        if (clip.channels() != 3) {
            throw new IllegalArgumentException("motion measurement needs an RGB clip, got " + clip);
        }
    }
}
