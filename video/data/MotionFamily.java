package video.data;

/** What moves under a {@link MotionRule}. */
public enum MotionFamily {
    /** Every object moves in the rule's direction; the background (and its texture) stays still. */
    OBJECT_MOTION,
    /**
     * The camera moves in the rule's direction over a still world larger than the view, so the
     * whole picture, textured background included, shifts the <em>opposite</em> way on screen.
     */
    CAMERA_PAN
}
