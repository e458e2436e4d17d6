package video.data;

/**
 * The eight directions of the in-context world, as an index {@code k ∈ 0..7} at angle
 * {@code θ = 45°·k} counter-clockwise from "right" as seen on screen: 0 right, 1 up-right, 2 up,
 * 3 up-left, 4 left, 5 down-left, 6 down, 7 down-right.
 *
 * <p>In pixel coordinates (x right, y <em>down</em>) direction {@code k} steps by
 * {@code (ux, uy) = (sgn(round(cos θ)), −sgn(round(sin θ)))}, each in {−1, 0, 1}: the eight king moves. A
 * speed of {@code v} moves {@code v} pixels along each moving axis per frame (so diagonals move
 * {@code v·√2}): positions stay on the pixel grid and rendered masks translate exactly.
 */
public final class Compass {
    public static final int DIRECTIONS = 8;

    private static final int[] UX = {1, 1, 0, -1, -1, -1, 0, 1};
    private static final int[] UY = {0, -1, -1, -1, 0, 1, 1, 1};
    private static final String[] NAMES = {"right", "up-right", "up", "up-left", "left", "down-left", "down", "down-right"};

    private Compass() {
    }

    public static int ux(int direction) {
        return UX[check(direction)];
    }

    public static int uy(int direction) {
        return UY[check(direction)];
    }

    public static double degrees(int direction) {
        return 45.0 * check(direction);
    }

    public static String name(int direction) {
        return NAMES[check(direction)];
    }

    /** {@code (k + 4) mod 8}: the direction rotated by 180°. */
    public static int opposite(int direction) {
        return (check(direction) + 4) % DIRECTIONS;
    }

    /**
     * The direction nearest to a displacement {@code (dx, dy)} in pixel coordinates (y down):
     * {@code round(atan2(−dy, dx) / 45°) mod 8}. Undefined for a zero displacement (returns 0);
     * callers decide what counts as "no motion".
     */
    public static int classify(double dx, double dy) {
        double angle = Math.toDegrees(Math.atan2(-dy, dx));
        return Math.floorMod((int) Math.round(angle / 45.0), DIRECTIONS);
    }

    private static int check(int direction) {
        if (direction < 0 || direction >= DIRECTIONS) {
            throw new IllegalArgumentException("direction index must be in 0..7, got " + direction);
        }
        return direction;
    }
}
