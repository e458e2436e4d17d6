package video.data;

/**
 * Which demonstrations precede the query in an {@link Episode} (the contrasts of the Vid-ICL
 * paper's evaluation).
 */
public enum DemoKind {
    /** Demonstrations follow the query's own rule. */
    SAME,
    /** No demonstrations: the prompt alone. */
    NONE,
    /** Demonstrations follow a rule drawn at random among the configured ones, other than the query's. */
    RANDOM,
    /** Demonstrations follow the query's rule turned by 180° (same family and speed). */
    OPPOSITE
}
