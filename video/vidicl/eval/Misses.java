package video.vidicl.eval;

import video.data.Compass;
import video.data.Motion;

/**
 * How the generations that missed their scored direction missed it: {@code still} showed no
 * measurable motion (not {@link Motion#moved()}: the objects vanished or froze), {@code neighbour} moved 45° off, {@code other} moved further off. It tells a model that
 * read the demonstration roughly from one that lost its objects.
 */
public record Misses(int still, int neighbour, int other) {

    public static final Misses NONE = new Misses(0, 0, 0);

    /** These misses plus {@code motion}'s, scored against {@code direction} (unchanged when it agrees). */
    public Misses plus(Motion motion, int direction) {
        if (!motion.moved()) {
            return new Misses(still + 1, neighbour, other);
        }
        int off = Math.floorMod(motion.direction() - direction, Compass.DIRECTIONS);
        if (off == 0) {
            return this;
        }
        return off == 1 || off == Compass.DIRECTIONS - 1
                ? new Misses(still, neighbour + 1, other)
                : new Misses(still, neighbour, other + 1);
    }

    public Misses plus(Misses more) {
        return new Misses(still + more.still, neighbour + more.neighbour, other + more.other);
    }

    public int total() {
        return still + neighbour + other;
    }
}
