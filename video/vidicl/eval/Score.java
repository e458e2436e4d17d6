package video.vidicl.eval;

/** How many of {@code total} generations showed the motion they were scored against. */
public record Score(int correct, int total) {

    public static final Score EMPTY = new Score(0, 0);

    public Score plus(boolean hit) {
        return new Score(correct + (hit ? 1 : 0), total + 1);
    }

    /** {@code correct / total}, 0 when nothing was scored. */
    public double rate() {
        return total == 0 ? 0 : (double) correct / total;
    }
}
