package train.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainConfigTest {
    @TempDir
    Path dir;

    @Test
    void aFileSaysOnlyWhatDiffersAndFlagsOverrideIt() throws IOException {
        Path file = dir.resolve("run.json");
        Files.writeString(file, "{\"steps\": 50, \"seed\": 1, \"optimizer\": {\"learning_rate\": 0.01}}");
        ObjectNode flags = JsonNodeFactory.instance.objectNode().put("seed", 9);
        TrainConfig c = TrainConfig.load(file, flags);
        assertEquals(50, c.steps());
        assertEquals(9, c.seed());
        assertEquals(0.01, c.optimizer().learningRate());
        assertEquals(OptimizerConfig.DEFAULTS.beta2(), c.optimizer().beta2()); // merged key by key
        assertEquals(TrainConfig.DEFAULTS.batchSize(), c.batchSize());
    }

    @Test
    void theResolvedConfigReadsBackEqual() {
        TrainConfig c = TrainConfig.parse("{\"steps\": 7, \"schedule\": {\"kind\": \"cosine\"}}", "a");
        assertEquals(c, TrainConfig.parse(c.toJson(), "saved"));
    }

    @Test
    void unknownKeysAreNamedWithTheValidOnes() {
        ConfigException e = assertThrows(ConfigException.class, () -> TrainConfig.parse("{\"stpes\": 3}", "run.json"));
        assertEquals("run.json: unknown key 'stpes' (known keys there: batch_size, checkpoint_every, clip_grad_norm, data, "
                + "device, ema_decay, eval_batches, eval_every, grad_accumulation, keep_checkpoints, log_every, model, optimizer, "
                + "schedule, seed, steps)", e.getMessage());
    }

    @Test
    void badValuesSayWhichKeyAndWhy() {
        assertEquals("run.json: batch_size must be at least 1, got 0",
                assertThrows(ConfigException.class, () -> TrainConfig.parse("{\"batch_size\": 0}", "run.json")).getMessage());
        assertEquals("run.json: in 'optimizer': optimizer.name: unknown optimizer 'adamax' (known: adamw, adam, sgd)",
                assertThrows(ConfigException.class,
                        () -> TrainConfig.parse("{\"optimizer\": {\"name\": \"adamax\"}}", "run.json")).getMessage());
        assertEquals("run.json: ema_decay must lie in [0, 1) (0 keeps no moving average), got 1.0",
                assertThrows(ConfigException.class, () -> TrainConfig.parse("{\"ema_decay\": 1}", "run.json")).getMessage());
        String wrongType = assertThrows(ConfigException.class, () -> TrainConfig.parse("{\"steps\": \"many\"}", "run.json"))
                .getMessage();
        assertEquals(true, wrongType.startsWith("run.json: bad value for 'steps': "), wrongType);
        assertEquals("run.json: not valid JSON: Unexpected end-of-input: expected close marker for Object (line 1, column 12)",
                assertThrows(ConfigException.class, () -> TrainConfig.parse("{\"steps\": 3", "run.json")).getMessage());
    }
}
