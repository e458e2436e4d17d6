package video.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The in-context world (MODELS.md): videos made of segments, each segment a fresh random scene,
 * one {@link MotionRule} for the whole video. A model trained on these by next-token prediction can
 * only predict the start of a new segment well by inferring the rule from the segments before it.
 *
 * <p>Exactly reproducible and random-access: video {@code i} and episode {@code i} are functions
 * of {@code (seed, i)} alone, each drawing from its own stream ({@link SeededRandom}).
 */
public final class World {
    private static final long VIDEOS = 1, EPISODE_QUERY = 2, EPISODE_DEMOS = 3, EPISODE_RULE = 4;

    private final WorldConfig config;
    private final long seed;
    private final SceneSampler sampler;
    private final Renderer renderer;

    public World(WorldConfig config, long seed) {
        this.config = config;
        this.seed = seed;
        this.sampler = new SceneSampler(config);
        this.renderer = new Renderer(config.height(), config.width());
    }

    public WorldConfig config() {
        return config;
    }

    public long seed() {
        return seed;
    }

    /** Video {@code index}: a random rule, then {@code segmentsPerVideo} scenes under it. */
    public WorldVideo video(long index) {
        SplittableRandom rng = random(VIDEOS, index);
        MotionRule rule = randomRule(rng);
        List<Scene> scenes = new ArrayList<>();
        List<Clip> segments = new ArrayList<>();
        for (int s = 0; s < config.segmentsPerVideo(); s++) {
            Scene scene = sampler.sample(rng, rule);
            scenes.add(scene);
            segments.add(renderSegment(scene, rule));
        }
        return new WorldVideo(Clip.concatFrames(segments), rule, scenes);
    }

    /** A rule drawn uniformly over the configured families, the 8 directions and the speeds. */
    public MotionRule randomRule(SplittableRandom rng) {
        return new MotionRule(config.families().get(rng.nextInt(config.families().size())),
                rng.nextInt(Compass.DIRECTIONS), config.speeds().get(rng.nextInt(config.speeds().size())));
    }

    /** A fresh scene laid out for {@code rule} (see {@link SceneSampler} for placement). */
    public Scene randomScene(SplittableRandom rng, MotionRule rule) {
        return sampler.sample(rng, rule);
    }

    /** Frames {@code [from, to)} of {@code scene} under {@code rule}; frames past the segment are valid, objects just drift on. */
    public Clip render(Scene scene, MotionRule rule, int from, int to) {
        return renderer.render(scene, rule, from, to);
    }

    public Clip renderSegment(Scene scene, MotionRule rule) {
        return render(scene, rule, 0, config.framesPerSegment());
    }

    /**
     * Episode {@code index} for query rule {@code rule}: {@code demos} demonstration segments chosen
     * by {@code kind}, a query scene whose first {@code promptFrames} frames are the prompt and whose
     * remaining frames of the segment are the continuation. The query scene depends only on
     * {@code (seed, index, rule)}, so the four kinds of one index share their query; the
     * demonstration scenes of all kinds draw from the same stream.
     */
    public Episode episode(long index, MotionRule rule, DemoKind kind, int demos, int promptFrames) {
        if (promptFrames < 1 || promptFrames >= config.framesPerSegment()) {
            throw new IllegalArgumentException("episode: promptFrames must be in 1.." + (config.framesPerSegment() - 1)
                    + " so that a continuation remains, got " + promptFrames);
        }
        if (demos < 0 || (kind != DemoKind.NONE && demos == 0)) {
            throw new IllegalArgumentException("episode: " + kind + " needs at least one demonstration, got " + demos);
        }
        Scene query = sampler.sample(random(EPISODE_QUERY, index), rule);
        MotionRule demoRule = switch (kind) {
            case SAME, NONE -> rule;
            case OPPOSITE -> rule.opposite();
            case RANDOM -> otherRule(random(EPISODE_RULE, index), rule);
        };
        List<Scene> demoScenes = new ArrayList<>();
        List<Clip> demoClips = new ArrayList<>();
        SplittableRandom demoRng = random(EPISODE_DEMOS, index);
        for (int d = 0; d < (kind == DemoKind.NONE ? 0 : demos); d++) {
            Scene scene = sampler.sample(demoRng, demoRule);
            demoScenes.add(scene);
            demoClips.add(renderSegment(scene, demoRule));
        }
        Clip prompt = render(query, rule, 0, promptFrames);
        Clip continuation = render(query, rule, promptFrames, config.framesPerSegment());
        return new Episode(kind, rule, demoRule, demoClips, demoScenes, query, prompt, continuation);
    }

    private MotionRule otherRule(SplittableRandom rng, MotionRule rule) {
        int options = config.families().size() * Compass.DIRECTIONS * config.speeds().size();
        if (options < 2) {
            throw new IllegalArgumentException("episode: RANDOM demonstrations need at least two configured rules");
        }
        MotionRule other;
        do {
            other = randomRule(rng);
        } while (other.equals(rule));
        return other;
    }

    private SplittableRandom random(long stream, long index) {
        return SeededRandom.of(seed, stream, index);
    }
}
