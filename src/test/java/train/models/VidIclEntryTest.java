package train.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tensor.Generator;
import tensor.Tensor;
import train.config.ConfigException;
import train.config.TrainConfig;
import video.vidicl.VidIclTransformer;

class VidIclEntryTest {
    private static final String CONFIG = """
            {"model": {"width": 16, "layers": 1, "heads": 2, "hidden": 32},
             "data": {"size": 16, "frames_per_segment": 4, "segments": 2, "patch": 8, "levels": 2}}""";

    @Test
    void buildsATransformerWhoseContextIsOneVideo() {
        ModelEntry.Built built = ModelRegistry.find("vidicl").build(TrainConfig.parse(CONFIG, "test"), "test");
        VidIclTransformer.Config model = ((VidIclTransformer) built.module()).config();
        assertEquals(8, model.vocabulary(), "2 levels per channel");
        assertEquals(8 * 4, model.context(), "8 frames of 2×2 patches");
        Tensor batch = built.trainData().next(2);
        assertArrayEquals(new int[] {2, 32}, batch.shape().dims());
        double loss = built.task().loss(batch, new Generator(1)).loss().value().item();
        assertEquals(Math.log(8), loss, 1.5, "an untrained model is near uniform over 8 tokens");
        assertTrue(built.resolved().toJson().contains("\"levels\" : 2"), built.resolved().toJson());
    }

    @Test
    void batchesReplayAfterSeeking() {
        WorldTokenBatches data = new WorldTokenBatches(new WorldTokenBatches.Config(16, 4, 2, 8, 2), 3);
        data.next(2);
        int[] second = data.next(3).toIntArray();
        data.seek(2);
        assertArrayEquals(second, data.next(3).toIntArray());
        assertEquals(5, data.position());
    }

    @Test
    void badSectionsAreConfigErrors() {
        String bad = CONFIG.replace("\"patch\": 8", "\"patch\": 5");
        assertThrows(ConfigException.class,
                () -> ModelRegistry.find("vidicl").build(TrainConfig.parse(bad, "test"), "test"));
    }
}
