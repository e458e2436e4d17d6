package train.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tensor.MemoryScope;
import video.data.DemoKind;
import video.data.World;
import video.vidicl.Sampling;
import video.vidicl.eval.EvalResult;
import video.vidicl.eval.EvalSettings;
import video.vidicl.eval.IclEvaluation;
import video.vidicl.eval.TokenGenerator;

/**
 * The Vid-ICL weights shipped in {@code weights/vidicl} (what {@code ./zoetrope demo} evaluates)
 * still load and still learn in context on scenes that no run or README figure used: with a
 * same-rule demonstration they follow the rule far above chance, with none they sit near chance,
 * and an opposite-rule demonstration turns them round. On these 32 episodes the shipped weights
 * score 78.1% same, 6.3% none, 75.0% opposite (the README's 256-episode figures: 82–88%, 11–12%,
 * 84–90%); the floors sit about three standard errors (7–9 points at 32 episodes) under those, and
 * the ceiling for none is twice chance (12.5%).
 */
class ShippedVidIclTest {
    private static final int EPISODES = 32;
    /** A world seed that no training stream, evaluation stream or README figure uses. */
    private static final long FRESH_WORLD_SEED = 0x1C1_5EEDL;

    @Test
    void learnsTheRuleFromTheDemonstrationOnFreshScenes() {
        try (MemoryScope scope = MemoryScope.open()) {
            TrainedVidIcl.Loaded loaded = TrainedVidIcl.load(ShippedWeights.onlyCheckpoint("vidicl"));
            EvalSettings settings = EvalSettings.of(EPISODES, 5);
            TokenGenerator greedy = new TokenGenerator(loaded.task().model(), loaded.task().tokenizer(), Sampling.greedy(),
                    settings.seed());
            EvalResult r = IclEvaluation.run(new World(loaded.task().world(), FRESH_WORLD_SEED), greedy, settings, line -> {});
            assertTrue(r.accuracy(DemoKind.SAME) >= 0.55, "same-rule accuracy " + r.accuracy(DemoKind.SAME));
            assertTrue(r.accuracy(DemoKind.NONE) <= 0.25, "no-demo accuracy " + r.accuracy(DemoKind.NONE));
            assertTrue(r.accuracy(DemoKind.OPPOSITE) >= 0.40, "opposite-rule generations that follow the demo "
                    + r.accuracy(DemoKind.OPPOSITE));
        }
    }
}
