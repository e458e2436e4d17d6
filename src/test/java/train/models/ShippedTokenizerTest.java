package train.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tensor.MemoryScope;
import tensor.Tensor;
import train.config.ConfigMapper;
import train.config.TrainConfig;
import video.data.World;
import video.magvit.MagvitTokenizer;
import video.vidicl.eval.EvalResult;
import video.vidicl.eval.EvalSettings;
import video.vidicl.eval.IclEvaluation;

/**
 * The tokenizer shipped in {@code weights/tokenizer} (trained by
 * {@code zoetrope train tokenizer --config configs/tokenizer.json --out weights/tokenizer}, then
 * {@code --resume --steps 10000}) still
 * loads and still reconstructs clips of its world that it never saw at the PSNR its run reported.
 */
class ShippedTokenizerTest {
    /**
     * The held-out PSNR the shipped run is guarded at (dB): issue 7's target. It reached 30.5 dB on its
     * eval stream, 30.6 dB on 256 fresh clips and 31.8 dB on these 16 (see weights/tokenizer/metrics.jsonl).
     */
    private static final double MIN_PSNR_DB = 30.0;
    /** A world seed that no training or evaluation stream of a run uses. */
    private static final long FRESH_WORLD_SEED = 0x5EED_F0E5L;

    @Test
    void reconstructsFreshClipsOfItsWorldAboveTheShippedPsnr() {
        TrainedTokenizer.Loaded shipped = TrainedTokenizer.load(ShippedWeights.onlyCheckpoint("tokenizer"));
        MagvitTokenizer tokenizer = shipped.tokenizer();
        WorldClips.Config data = shipped.data();
        assertEquals(0, tokenizer.config().temporalDownsample().stream().filter(b -> b).count(), "one latent frame per frame");
        try (MemoryScope scope = MemoryScope.open(); WorldClips fresh = new WorldClips(data, FRESH_WORLD_SEED)) {
            Tensor clips = fresh.next(16);
            MagvitTokenizer.Step step = tokenizer.forward(clips);
            double psnr = step.psnr();
            assertTrue(psnr >= MIN_PSNR_DB, "held-out PSNR " + psnr + " dB, shipped at ≥ " + MIN_PSNR_DB);
            Tensor tokens = tokenizer.encode(clips).tokens();
            assertEquals(List.of(16, data.frames(), data.size() / 2, data.size() / 2), List.of(tokens.shape().dims()[0],
                    tokens.shape().dims()[1], tokens.shape().dims()[2], tokens.shape().dims()[3]));
        }
    }

    /**
     * Vid-ICL over these codes ({@code configs/vidicl-magvit.json}) can only be measured if the motion
     * survives the tokenizer: the ground-truth continuation, with its prompt, through the tokenizer as
     * that config uses it (frame by frame) and back, must still be measured moving the right way (all
     * 32 of these are).
     */
    @Test
    void theInContextMeasurementStillSeesTheMotionThroughTheShippedTokenizer() {
        WorldTokenBatches.Config data = ConfigMapper.resolve(TrainConfig.load(Path.of("configs", "vidicl-magvit.json"),
                JsonNodeFactory.instance.objectNode()).data(), WorldTokenBatches.Config.DEFAULTS, WorldTokenBatches.Config.class,
                "configs/vidicl-magvit.json (data)");
        assertEquals("weights/tokenizer", data.tokenizer());
        EvalResult.Ceiling ceiling = IclEvaluation.tokenizerCeiling(new World(data.world(), FRESH_WORLD_SEED),
                data.videoTokenizer(), EvalSettings.of(32, 3));
        assertTrue(ceiling.same() >= 0.9, "the ground truth's motion, seen through the tokenizer: " + ceiling);
    }
}
