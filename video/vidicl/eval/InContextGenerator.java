package video.vidicl.eval;

import java.util.List;
import video.data.Episode;

/**
 * Anything that continues in-context episodes: reads each episode's demonstrations and prompt
 * ({@link Episode#demos()}, {@link Episode#prompt()}), never its rule or continuation, and returns
 * {@code frames} new frames. The evaluation calls it with episodes of one {@link video.data.DemoKind}
 * at a time, so they share their shapes and can be generated as one batch.
 */
public interface InContextGenerator {

    /** One continuation per episode, in order, each with {@code frames} generated frames. */
    List<Continuation> continueEpisodes(List<Episode> episodes, int frames);
}
