package video.vidicl.eval;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import video.data.Clip;
import video.data.DemoKind;
import video.data.Episode;
import video.data.Motion;
import video.data.MotionFamily;
import video.data.MotionRule;
import video.data.World;
import video.vidicl.VideoTokenizer;

/**
 * The in-context evaluation of MODELS.md ("The in-context world"). For each of {@code episodes}
 * query scenes, a rule {@code r} is drawn at random (family, one of 8 directions, speed); the
 * model sees demonstration segments, then the first {@code promptFrames} frames of the query scene,
 * and generates the rest of the segment. The generated frames alone are measured ({@link Motion#measure}: foreground centroids for object motion, a shift search for pans,
 * chosen by {@code r}'s family) and their direction is classified among the 8:
 * <ul>
 *   <li>SAME (demonstrations under {@code r}), NONE (no demonstration), RANDOM (under another rule):
 *       the fraction whose direction is {@code r}'s;</li>
 *   <li>OPPOSITE (demonstrations under {@code r} turned by 180°): the fraction whose direction is
 *       the opposite rule's, i.e. that follow the demonstration rather than anything else.</li>
 * </ul>
 * A motion counts only if it is at least half a pixel a frame ({@link Motion#agreesWith}), so a
 * static generation is wrong everywhere; chance for a random direction is 1/8. The four kinds
 * share their query scenes and rules. The misses of each kind are sorted by how they missed
 * ({@link Misses}: no motion, 45° off, further off; the whole {@link Confusion} matrix).
 *
 * <p>Why the generated frames alone: a world spawning {@link video.data.Spawn#FOR_RULE} places objects
 * where they stay in view under the rule, so the prompt frame already hints at the direction (an
 * object moving right starts near the left edge). Measuring from the prompt into the generation would
 * credit any generation that drifts towards the middle of the frame; within the generation, it must
 * actually move. (Under {@link video.data.Spawn#ANY_DIRECTION} the prompt hints at nothing, and an
 * opposite-rule continuation stays in view, so the NONE and OPPOSITE kinds are fair.) SAME-rule generations are also compared with the ground
 * truth continuation by PSNR (and SSIM when frames are at least 11×11).
 */
public final class IclEvaluation {
    private static final DemoKind[] KINDS = {DemoKind.SAME, DemoKind.NONE, DemoKind.RANDOM, DemoKind.OPPOSITE};

    private IclEvaluation() {}

    /**
     * Runs the protocol on {@code world}'s scenes; {@code progress} receives a line after each batch.
     */
    public static EvalResult run(World world, InContextGenerator generator, EvalSettings settings,
                                 Consumer<String> progress) {
        return run(world, generator, settings, KINDS, progress);
    }

    /**
     * The same-rule accuracy and PSNR that the ground truth itself reaches through {@code tokenizer}
     * ({@link TokenizerCeiling}) on the episodes {@link #run} draws with these settings: what a
     * perfect model over these tokens would score.
     */
    public static EvalResult.Ceiling tokenizerCeiling(World world, VideoTokenizer tokenizer, EvalSettings settings) {
        EvalResult truth = run(world, new TokenizerCeiling(tokenizer), settings, new DemoKind[] {DemoKind.SAME}, line -> {});
        return new EvalResult.Ceiling(truth.accuracy(DemoKind.SAME), truth.psnr());
    }

    private static EvalResult run(World world, InContextGenerator generator, EvalSettings settings, DemoKind[] kinds,
                                  Consumer<String> progress) {
        int frames = world.config().framesPerSegment() - settings.promptFrames();
        if (frames < 2) {
            throw new IllegalArgumentException("IclEvaluation: a " + settings.promptFrames() + "-frame prompt leaves "
                    + frames + " frame(s) of a " + world.config().framesPerSegment() + "-frame segment to generate; "
                    + "measuring motion needs at least 2");
        }
        List<MotionRule> rules = rules(world, settings);
        Map<DemoKind, Score> scores = new EnumMap<>(DemoKind.class);
        Map<DemoKind, Confusion> confusion = new EnumMap<>(DemoKind.class);
        Map<MotionFamily, Map<DemoKind, Score>> byFamily = new EnumMap<>(MotionFamily.class);
        Map<Integer, Map<DemoKind, Score>> byDirection = new TreeMap<>();
        Score followsQuery = Score.EMPTY;
        List<Example> examples = new ArrayList<>();
        double psnrSum = 0;
        double ssimSum = 0;
        boolean ssimDefined = Fidelity.ssimDefined(world.config().height(), world.config().width());
        for (DemoKind kind : kinds) {
            scores.put(kind, Score.EMPTY);
            confusion.put(kind, Confusion.NONE);
            for (int first = 0; first < settings.episodes(); first += settings.batch()) {
                List<Episode> batch = new ArrayList<>();
                for (int i = first; i < Math.min(settings.episodes(), first + settings.batch()); i++) {
                    batch.add(world.episode(i, rules.get(i), kind, settings.demos(), settings.promptFrames()));
                }
                List<Continuation> made = generator.continueEpisodes(batch, frames);
                if (made.size() != batch.size()) {
                    throw new IllegalStateException("the generator returned " + made.size() + " continuations for "
                            + batch.size() + " episodes");
                }
                for (int j = 0; j < batch.size(); j++) {
                    Episode episode = batch.get(j);
                    Continuation c = checked(made.get(j), episode, frames);
                    Motion motion = Motion.measure(c.generated(), episode.rule().family());
                    MotionRule scoredAgainst = kind == DemoKind.OPPOSITE ? episode.demoRule() : episode.rule();
                    boolean correct = motion.agreesWith(scoredAgainst);
                    Score one = Score.EMPTY.plus(correct);
                    scores.merge(kind, one, IclEvaluation::add);
                    confusion.put(kind, confusion.get(kind).plus(scoredAgainst.imageDirection(), motion));
                    byDirection.computeIfAbsent(episode.rule().direction(), d -> new EnumMap<>(DemoKind.class))
                            .merge(kind, one, IclEvaluation::add);
                    byFamily.computeIfAbsent(episode.rule().family(), f -> new EnumMap<>(DemoKind.class))
                            .merge(kind, one, IclEvaluation::add);
                    if (kind == DemoKind.OPPOSITE) {
                        followsQuery = followsQuery.plus(motion.agreesWith(episode.rule()));
                    }
                    if (kind == DemoKind.SAME) {
                        psnrSum += Fidelity.psnr(c.generated(), episode.continuation());
                        ssimSum += ssimDefined ? Fidelity.ssim(c.generated(), episode.continuation()) : 0;
                    }
                    if (first + j < settings.examples()) {
                        Optional<Clip> demo = episode.demos().isEmpty() ? Optional.empty()
                                : Optional.of(episode.demos().get(episode.demos().size() - 1));
                        examples.add(new Example(kind, episode.rule(), episode.demoRule(), demo, c,
                                episode.continuation(), motion, correct));
                    }
                }
                progress.accept(String.format(java.util.Locale.ROOT, "eval %-8s %d/%d episodes, accuracy so far %.3f",
                        EvalResult.key(kind), first + batch.size(), settings.episodes(), scores.get(kind).rate()));
            }
        }
        int n = settings.episodes();
        return new EvalResult(settings, scores, confusion, followsQuery, byFamily, byDirection, psnrSum / n,
                ssimDefined ? OptionalDouble.of(ssimSum / n) : OptionalDouble.empty(), frames, examples, Optional.empty());
    }

    /** Episode {@code i}'s query rule, drawn from the world's families, directions and speeds. */
    static List<MotionRule> rules(World world, EvalSettings settings) {
        List<MotionRule> rules = new ArrayList<>(settings.episodes());
        SplittableRandom rng = new SplittableRandom(settings.seed() ^ 0x1C1E7A1L);
        for (int i = 0; i < settings.episodes(); i++) {
            rules.add(world.randomRule(rng));
        }
        return rules;
    }

    private static Continuation checked(Continuation c, Episode episode, int frames) {
        Clip truth = episode.continuation();
        if (c.generated().frames() != frames || c.generated().height() != truth.height()
                || c.generated().width() != truth.width() || c.generated().channels() != truth.channels()) {
            throw new IllegalStateException("the generator returned " + c.generated() + " where " + frames
                    + " frames like " + truth + " were asked for");
        }
        return c;
    }

    private static Score add(Score a, Score b) {
        return new Score(a.correct() + b.correct(), a.total() + b.total());
    }
}
