package train.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tensor.MemoryScope;
import video.data.DemoKind;
import video.data.World;
import video.vidicl.Sampling;
import video.vidicl.eval.EvalResult;
import video.vidicl.eval.EvalSettings;
import video.vidicl.eval.IclEvaluation;
import video.vidicl.eval.TokenGenerator;

/**
 * The Vid-ICL weights shipped in {@code weights/} still load and still learn in context on scenes
 * that no run or README figure used: with a same-rule demonstration they follow the rule far above
 * chance, with none they sit near chance, and an opposite-rule demonstration turns them round.
 * The floors sit three standard errors of a 32-episode rate (6–9 points each) or more under what
 * the weights score on 256 episodes; the ceiling for none is twice chance (12.5%).
 * <ul>
 *   <li>{@code weights/vidicl-magvit} (the shipped MAGVIT-v2 tokenizer's codes, what {@code ./zoetrope demo}
 *       evaluates; its moving average of the weights): 93.8% same, 9.4% none, 93.8% opposite here (the README's
 *       256-episode figures: 84–90%, 11–13%, 87–88%);</li>
 *   <li>{@code weights/vidicl} (patch-colour tokens): 78.1% same, 6.3% none, 75.0% opposite here (the
 *       README's 256-episode figures: 82–88%, 11–12%, 84–90%).</li>
 * </ul>
 */
class ShippedVidIclTest {
    private static final int EPISODES = 32;
    /** A world seed that no training stream, evaluation stream or README figure uses. */
    private static final long FRESH_WORLD_SEED = 0x1C1_5EEDL;

    @ParameterizedTest(name = "weights/{0}")
    @CsvSource({"vidicl-magvit, 0.70, 0.70", "vidicl, 0.55, 0.40"})
    void learnsTheRuleFromTheDemonstrationOnFreshScenes(String run, double sameFloor, double oppositeFloor) {
        try (MemoryScope scope = MemoryScope.open()) {
            TrainedVidIcl.Loaded loaded = TrainedVidIcl.load(ShippedWeights.onlyCheckpoint(run));
            EvalSettings settings = EvalSettings.of(EPISODES, 5);
            TokenGenerator greedy = new TokenGenerator(loaded.task().model(), loaded.task().tokenizer(), Sampling.greedy(),
                    settings.seed());
            EvalResult r = IclEvaluation.run(new World(loaded.task().world(), FRESH_WORLD_SEED), greedy, settings, line -> {});
            assertTrue(r.accuracy(DemoKind.SAME) >= sameFloor, "same-rule accuracy " + r.accuracy(DemoKind.SAME));
            assertTrue(r.accuracy(DemoKind.NONE) <= 0.25, "no-demo accuracy " + r.accuracy(DemoKind.NONE));
            assertTrue(r.accuracy(DemoKind.OPPOSITE) >= oppositeFloor, "opposite-rule generations that follow the demo "
                    + r.accuracy(DemoKind.OPPOSITE));
        }
    }
}
