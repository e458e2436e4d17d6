package video.data;

/**
 * Measured on-screen motion of a clip: the mean displacement per frame {@code (dx, dy)} in pixels
 * (x right, y down) over the {@code pairs} consecutive frame pairs that could be measured.
 */
public record Motion(double dx, double dy, int pairs) {

    /** Largest shift, in pixels per frame, that {@link #measure} searches for a pan. */
    public static final int DEFAULT_MAX_SHIFT = 4;

    /**
     * Measures a clip the way its family moves: foreground centroids ({@link CentroidTracker}) for
     * object motion, global translation ({@link ShiftSearch}) for a pan.
     */
    public static Motion measure(Clip clip, MotionFamily family) {
        return family == MotionFamily.OBJECT_MOTION
                ? CentroidTracker.measure(clip)
                : ShiftSearch.measure(clip, DEFAULT_MAX_SHIFT);
    }

    /** The {@link Compass} direction nearest to the displacement. */
    public int direction() {
        return Compass.classify(dx, dy);
    }

    public double magnitude() {
        return Math.hypot(dx, dy);
    }

    /** Whether anything moved: something was measured and it is at least half a pixel a frame. */
    public boolean moved() {
        return pairs > 0 && magnitude() >= 0.5;
    }

    /**
     * Whether this motion shows {@code rule}: it {@link #moved()}, in the rule's on-screen direction
     * ({@link MotionRule#imageDirection()}).
     */
    public boolean agreesWith(MotionRule rule) {
        return moved() && direction() == rule.imageDirection();
    }
}
