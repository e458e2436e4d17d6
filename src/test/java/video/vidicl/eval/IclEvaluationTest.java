package video.vidicl.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import video.data.Clip;
import video.data.Compass;
import video.data.DemoKind;
import video.data.Episode;
import video.data.MotionFamily;
import video.data.MotionRule;
import video.data.ShapeKind;
import video.data.Spawn;
import video.data.World;
import video.data.WorldConfig;
import video.vidicl.PatchColourTokenizer;

/**
 * The protocol on generators whose answers are known: an oracle that returns the ground truth, one
 * that stands still, one that follows the demonstration's rule, one that moves against the query's.
 */
class IclEvaluationTest {
    private static final int EPISODES = 24;

    /** 24×24 frames, 5-frame segments, both families, speeds 1–2, 1–2 objects. */
    private static World world() {
        return new World(WorldConfig.defaults(24).withFrames(5, 3).withObjects(1, 2, 3, 5), 7);
    }

    /**
     * As {@link #world()} with one object at speed 1: objects are spawned to stay in view under
     * their own rule, and this one stays (at least partly) in view for 4 frames against it too.
     */
    private static World reversibleWorld() {
        return new World(WorldConfig.defaults(24).withFrames(5, 3).withObjects(1, 1, 3, 5).withSpeeds(1), 7);
    }

    /** A generator that renders the query scene (which it is allowed to peek at) under a rule of our choosing. */
    private static InContextGenerator rendering(World world, Function<Episode, MotionRule> rule) {
        return (episodes, frames) -> {
            List<Continuation> out = new ArrayList<>();
            for (Episode e : episodes) {
                int from = e.prompt().frames();
                out.add(new Continuation(e.prompt(), world.render(e.query(), rule.apply(e), from, from + frames)));
            }
            return out;
        };
    }

    private static EvalResult run(World world, InContextGenerator generator) {
        return IclEvaluation.run(world, generator, EvalSettings.of(EPISODES, 11), line -> {});
    }

    @Test
    void anOracleScoresPerfectlyEverywhereButOpposite() {
        World world = world();
        EvalResult r = run(world, rendering(world, Episode::rule));
        assertEquals(1.0, r.accuracy(DemoKind.SAME));
        assertEquals(1.0, r.accuracy(DemoKind.NONE));
        assertEquals(1.0, r.accuracy(DemoKind.RANDOM));
        assertEquals(0.0, r.accuracy(DemoKind.OPPOSITE));          // it followed the query, not the demonstration
        assertEquals(1.0, r.oppositeFollowsQuery().rate());
        assertEquals(Fidelity.MAX_DB, r.psnr(), 1e-9);
        assertEquals(1.0, r.ssim().getAsDouble(), 1e-12);
        assertEquals(EPISODES, r.scores().get(DemoKind.SAME).total());
        assertEquals(2, r.byFamily().size(), "both families are drawn");
        assertEquals(EPISODES, r.byDirection().values().stream().mapToInt(s -> s.get(DemoKind.SAME).total()).sum());
        assertTrue(r.byDirection().values().stream().allMatch(s -> s.get(DemoKind.SAME).rate() == 1.0));
    }

    @Test
    void aStaticGenerationMeasuresNoMotion() {
        World world = world();
        InContextGenerator still = (episodes, frames) -> episodes.stream().map(e -> {
            Clip last = e.prompt().frames(e.prompt().frames() - 1, e.prompt().frames());
            return new Continuation(e.prompt(), EvalReport.hold(last, frames));
        }).toList();
        EvalResult r = run(world, still);
        for (DemoKind kind : DemoKind.values()) {
            assertEquals(0.0, r.accuracy(kind), kind.toString());
            assertEquals(new Misses(EPISODES, 0, 0), r.misses(kind), kind + ": every miss is a still one");
        }
        assertEquals(0.0, r.oppositeFollowsQuery().rate());
        assertTrue(r.psnr() < Fidelity.MAX_DB);
    }

    @Test
    void followingTheDemonstrationScoresOppositeAndRandomAsSuch() {
        World world = reversibleWorld();
        EvalResult r = run(world, rendering(world, Episode::demoRule));
        assertEquals(1.0, r.accuracy(DemoKind.SAME));
        assertEquals(1.0, r.accuracy(DemoKind.OPPOSITE));
        assertEquals(0.0, r.oppositeFollowsQuery().rate());
        assertTrue(r.accuracy(DemoKind.RANDOM) < 0.3, "a random other rule rarely shares the query's direction: "
                + r.accuracy(DemoKind.RANDOM));
    }

    @Test
    void turningTheRuleBy45DegreesMissesEverySameRuleEpisodeByANeighbour() {
        World world = reversibleWorld();
        EvalResult r = run(world, rendering(world, e -> new MotionRule(e.rule().family(),
                (e.rule().direction() + 1) % 8, e.rule().speed())));
        assertEquals(0.0, r.accuracy(DemoKind.SAME));
        assertEquals(new Misses(0, EPISODES, 0), r.misses(DemoKind.SAME));
        Confusion confusion = r.confusion().get(DemoKind.SAME);
        int turned = 0;
        for (int d = 0; d < 8; d++) {
            assertEquals(0, confusion.count(d, d), Compass.name(d));
            turned += confusion.count(d, (d + 1) % 8);
        }
        assertEquals(EPISODES, turned, "every episode lands one step counter-clockwise of its rule: " + confusion);
    }

    @Test
    void movingAgainstTheQueryScoresOppositeFullyAndSameNever() {
        World world = reversibleWorld();
        EvalResult r = run(world, rendering(world, e -> e.rule().opposite()));
        assertEquals(1.0, r.accuracy(DemoKind.OPPOSITE));
        assertEquals(0.0, r.accuracy(DemoKind.SAME));
        assertEquals(0.0, r.accuracy(DemoKind.NONE));
        assertEquals(new Misses(0, 0, EPISODES), r.misses(DemoKind.SAME), "180° off is further off");
    }

    /** configs/vidicl*.json: 16×16 frames, 3-frame segments, 1–2 objects of side 3–4 at 2 px a frame spawned for any direction. */
    private static World shippedWorld() {
        WorldConfig config = new WorldConfig(16, 16, 3, 3, List.of(MotionFamily.OBJECT_MOTION), List.of(2),
                List.of(ShapeKind.values()), WorldConfig.DEFAULT_PALETTE, WorldConfig.DEFAULT_BACKGROUNDS, 1, 2, 3, 4, 0.0,
                Spawn.ANY_DIRECTION);
        return new World(config, 3);
    }

    @Test
    void theMotionSurvivesThePatchColourTokenizerOfTheShippedConfig() {
        EvalResult.Ceiling ceiling = IclEvaluation.tokenizerCeiling(shippedWorld(), new PatchColourTokenizer(16, 16, 2, 4),
                EvalSettings.of(EPISODES, 11));
        assertTrue(ceiling.same() >= 0.9, "the measurement must see the motion through the tokenizer: " + ceiling);
        assertTrue(ceiling.psnr() > 15 && ceiling.psnr() < 100, "quantised, so not exact: " + ceiling);
    }

    @Test
    void aTokenizerThatAveragesTheWholeFrameLeavesNoMotionToSee() {
        EvalResult.Ceiling ceiling = IclEvaluation.tokenizerCeiling(shippedWorld(), new PatchColourTokenizer(16, 16, 16, 4),
                EvalSettings.of(EPISODES, 11));
        assertEquals(0.0, ceiling.same(), "one colour a frame: " + ceiling);
    }

    @Test
    void aGeneratorThatReturnsTheWrongNumberOfFramesIsCaught() {
        World world = world();
        InContextGenerator short_ = (episodes, frames) -> episodes.stream()
                .map(e -> new Continuation(e.prompt(), e.continuation().frames(0, 2))).toList();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(world, short_));
        assertTrue(e.getMessage().contains("where 4 frames"), e.getMessage());
    }

    @Test
    void aPromptThatLeavesTooFewFramesIsRefused() {
        World world = world();
        EvalSettings settings = new EvalSettings(2, 1, 4, 0, 8, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IclEvaluation.run(world, rendering(world, Episode::rule), settings, line -> {}));
        assertTrue(e.getMessage().contains("needs at least 2"), e.getMessage());
    }

    @Test
    void writesEvalJsonOfTheAgreedShapeAReportAndGifs(@TempDir Path dir) throws IOException {
        World world = world();
        EvalResult r = IclEvaluation.run(world, rendering(world, Episode::rule), new EvalSettings(4, 2, 1, 5, 3, 2), line -> {});
        Path html = EvalReport.write(dir, r, Map.of("model", "oracle"));
        JsonNode json = new ObjectMapper().readTree(Files.readString(dir.resolve("eval.json")));
        for (String kind : List.of("same", "none", "random", "opposite")) {
            assertTrue(json.get("icl").get(kind).isNumber(), kind);
        }
        assertEquals(4, json.get("icl").size());
        assertEquals(1.0, json.get("icl").get("same").asDouble());
        assertTrue(json.get("psnr").isNumber() && json.get("ssim").isNumber(), json.toString());
        assertEquals(4, json.get("episodes").asInt());
        assertEquals(2, json.get("demos").asInt());
        assertEquals(0, json.get("misses").get("same").get("still").asInt(), "the oracle never misses");
        json.get("by_direction").fields().forEachRemaining(d -> assertEquals(1.0, d.getValue().get("same").asDouble(), d.getKey()));
        assertTrue(json.get("by_direction").size() >= 1);
        assertEquals(4, json.get("misses").get("opposite").get("other").asInt(), "it follows the query, 180° off");
        int diagonal = 0;
        for (var row = json.get("confusion").get("same").fields(); row.hasNext(); ) {
            var cells = row.next();
            assertEquals(1, cells.getValue().size(), "the oracle measures only its rule's direction: " + json.get("confusion"));
            diagonal += cells.getValue().get(cells.getKey()).asInt();
        }
        assertEquals(4, diagonal);
        String page = Files.readString(html);
        assertTrue(page.contains("Direction accuracy") && page.contains("gifs/same-00.gif"), page);
        assertTrue(page.contains("0 / 0 / 4"), "the opposite kind's misses, all further off: " + page);
        assertTrue(page.contains("Same-rule demonstrations: direction measured (columns)"), page);
        assertEquals(8, Files.list(dir.resolve("gifs")).count(), "2 examples for each of the 4 kinds");
        Clip panels = EvalReport.sideBySide(r.examples().get(0));
        assertEquals(4 * 24 + 3, panels.width());
        assertEquals(5, panels.frames());
        assertFalse(page.contains("NaN"));
        assertFalse(json.has("tokenizer_ceiling"), "measured only when asked for");

        EvalReport.write(dir, r.withTokenizerCeiling(new EvalResult.Ceiling(0.75, 31.5)), Map.of("model", "oracle"));
        JsonNode withCeiling = new ObjectMapper().readTree(Files.readString(dir.resolve("eval.json")));
        assertEquals(0.75, withCeiling.get("tokenizer_ceiling").get("same").asDouble());
        assertEquals(31.5, withCeiling.get("tokenizer_ceiling").get("psnr").asDouble());
        assertTrue(Files.readString(html).contains("ceiling: the ground-truth continuations"));
    }
}
