package video.vidicl.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import video.data.Compass;
import video.data.Motion;

/**
 * The confusion matrix of an evaluation's direction measurements: for each direction a
 * generation was scored against (the image direction of its rule, a {@link Compass} index), how
 * many generations were measured moving in each direction, or not moving at all ({@link #STILL}).
 * The diagonal holds the correct ones; a model that reads the demonstration roughly piles its
 * misses next to it (45° off), and a bias of the model shows as a column that fills from many rows.
 * Immutable.
 */
public final class Confusion {
    /** The column of generations with no measurable motion ({@link Motion#moved()} false). */
    public static final int STILL = Compass.DIRECTIONS;
    private static final int COLUMNS = Compass.DIRECTIONS + 1;

    public static final Confusion NONE = new Confusion(new int[Compass.DIRECTIONS * COLUMNS]);

    private final int[] counts;

    private Confusion(int[] counts) {
        this.counts = counts;
    }

    /** These counts plus one generation measured as {@code motion}, scored against {@code expected}. */
    public Confusion plus(int expected, Motion motion) {
        int[] more = counts.clone();
        more[index(expected, motion.moved() ? motion.direction() : STILL)]++;
        return new Confusion(more);
    }

    /** Generations scored against {@code expected} and measured as {@code measured} (a direction, or {@link #STILL}). */
    public int count(int expected, int measured) {
        return counts[index(expected, measured)];
    }

    /** The misses by kind: no motion, 45° off, further off. */
    public Misses misses() {
        int still = 0;
        int neighbour = 0;
        int other = 0;
        for (int expected = 0; expected < Compass.DIRECTIONS; expected++) {
            still += count(expected, STILL);
            for (int measured = 0; measured < Compass.DIRECTIONS; measured++) {
                int off = Math.floorMod(measured - expected, Compass.DIRECTIONS);
                if (off == 1 || off == Compass.DIRECTIONS - 1) {
                    neighbour += count(expected, measured);
                } else if (off != 0) {
                    other += count(expected, measured);
                }
            }
        }
        return new Misses(still, neighbour, other);
    }

    /**
     * {@code {"<expected>": {"<measured>": count, ...}, ...}} by {@link Compass} name ({@code "still"}
     * for no motion), in compass order, leaving out rows and cells that are zero.
     */
    public String toJson() {
        List<String> rows = new ArrayList<>();
        for (int expected = 0; expected < Compass.DIRECTIONS; expected++) {
            List<String> cells = new ArrayList<>();
            for (int measured = 0; measured < COLUMNS; measured++) {
                if (count(expected, measured) > 0) {
                    cells.add("\"" + columnName(measured) + "\": " + count(expected, measured));
                }
            }
            if (!cells.isEmpty()) {
                rows.add("\"" + Compass.name(expected) + "\": {" + String.join(", ", cells) + "}");
            }
        }
        return "{" + String.join(", ", rows) + "}";
    }

    /** A column's name: a {@link Compass} name, or {@code "still"}. */
    public static String columnName(int measured) {
        return measured == STILL ? "still" : Compass.name(measured);
    }

    /** The number of columns: the eight directions, then {@link #STILL}. */
    public static int columns() {
        return COLUMNS;
    }

    private static int index(int expected, int measured) {
        if (expected < 0 || expected >= Compass.DIRECTIONS || measured < 0 || measured >= COLUMNS) {
            throw new IllegalArgumentException("Confusion: no cell (" + expected + ", " + measured + ")");
        }
        return expected * COLUMNS + measured;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Confusion c && Arrays.equals(counts, c.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "Confusion" + toJson();
    }
}
