package video.data;

/**
 * The shapes of the in-context world. Each is a region around a centre {@code (cx, cy)} given in
 * pixel-corner coordinates; pixel {@code (x, y)} is inside when its centre {@code (x + ½, y + ½)}
 * offset by {@code (dx, dy)} from the object's centre satisfies {@link #contains}. With integer
 * centres and integer per-frame steps a moving shape's mask therefore translates exactly.
 */
public enum ShapeKind {
    /** {@code |dx| ≤ r and |dy| ≤ r}. */
    SQUARE,
    /** {@code dx² + dy² ≤ r²}. */
    CIRCLE,
    /** Apex up: {@code −r ≤ dy ≤ r} and {@code |dx| ≤ (dy + r) / 2}. */
    TRIANGLE,
    /** {@code |dx| + |dy| ≤ r}. */
    DIAMOND,
    /** A plus sign: inside the square and within {@code r/3} of one of its axes. */
    CROSS;

    /** Whether offset {@code (dx, dy)} from the centre lies inside this shape of half-size {@code r}. */
    public boolean contains(double dx, double dy, double r) {
        double ax = Math.abs(dx), ay = Math.abs(dy);
        return switch (this) {
            case SQUARE -> ax <= r && ay <= r;
            case CIRCLE -> dx * dx + dy * dy <= r * r;
            case TRIANGLE -> dy >= -r && dy <= r && ax <= (dy + r) / 2;
            case DIAMOND -> ax + ay <= r;
            case CROSS -> ax <= r && ay <= r && (ax <= r / 3 || ay <= r / 3);
        };
    }
}
