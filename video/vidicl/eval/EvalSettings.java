package video.vidicl.eval;

/**
 * How an in-context evaluation is run.
 *
 * @param episodes     query scenes per demonstration kind (the four kinds share their queries)
 * @param demos        demonstration segments before the prompt (none for {@code NONE})
 * @param promptFrames frames of the query scene the model sees (1: the motion is not visible in the
 *                     prompt itself, so only the demonstrations can tell the rule)
 * @param seed         fixes the rules, the scenes and the sampling
 * @param batch        episodes generated together
 * @param examples     episodes per kind kept as videos for the report
 */
public record EvalSettings(int episodes, int demos, int promptFrames, long seed, int batch, int examples) {

    public EvalSettings {
        require(episodes >= 1, "episodes must be at least 1, got " + episodes);
        require(demos >= 1, "demos must be at least 1 (the NONE kind drops them), got " + demos);
        require(promptFrames >= 1, "promptFrames must be at least 1, got " + promptFrames);
        require(batch >= 1, "batch must be at least 1, got " + batch);
        require(examples >= 0, "examples must be at least 0, got " + examples);
    }

    /** {@code episodes} episodes with one demonstration, a one-frame prompt, batches of 64, 4 examples. */
    public static EvalSettings of(int episodes, long seed) {
        return new EvalSettings(episodes, 1, 1, seed, 64, 4);
    }

    public EvalSettings withDemos(int demos) {
        return new EvalSettings(episodes, demos, promptFrames, seed, batch, examples);
    }

    private static void require(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException("EvalSettings: " + problem);
        }
    }
}
