package video.vidicl.eval;

import video.data.Motion;

/**
 * How the generations that missed their scored direction missed it: {@code still} showed no
 * measurable motion (not {@link Motion#moved()}: the objects vanished or froze), {@code neighbour} moved 45° off, {@code other} moved further off. It tells a model that
 * read the demonstration roughly from one that lost its objects. Counted from the evaluation's
 * {@link Confusion} matrix.
 */
public record Misses(int still, int neighbour, int other) {

    public int total() {
        return still + neighbour + other;
    }
}
