package train.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tensor.MemoryScope;
import train.TrainingState;
import train.checkpoint.CheckpointStore;
import train.models.ModelEntry;
import train.models.ModelRegistry;

/** The tiny video autoencoder trained end to end through a run folder, and resumed exactly. */
class TrainingRunTest {
    @TempDir
    Path dir;

    private Path config(String json) throws IOException {
        Path file = dir.resolve("config-" + Math.abs(json.hashCode()) + ".json");
        Files.writeString(file, json);
        return file;
    }

    private static TrainingRun open(Path config, Path out, boolean resume) {
        return TrainingRun.open(new TrainingRun.Request(ModelRegistry.TINY_VIDEO_AUTOENCODER, config,
                JsonNodeFactory.instance.objectNode(), out, resume, false), new PrintWriter(new StringWriter()), false);
    }

    @Test
    void theAutoencoderLearnsToReconstructWorldClips() throws IOException {
        Path config = config("{\"steps\": 40, \"batch_size\": 4, \"log_every\": 1, \"eval_every\": 40,"
                + " \"optimizer\": {\"learning_rate\": 0.01}}");
        try (TrainingRun run = open(config, dir.resolve("run"), false)) {
            run.train();
        }
        List<JsonNode> records = new RunDirectory(dir.resolve("run")).metrics().read();
        double[] losses = records.stream().filter(r -> r.has("loss")).mapToDouble(r -> r.get("loss").asDouble()).toArray();
        assertEquals(40, losses.length);
        double first = Arrays.stream(losses, 0, 5).average().orElseThrow();
        double last = Arrays.stream(losses, 35, 40).average().orElseThrow();
        assertTrue(last < first / 3, "mean loss of the first 5 steps " + first + ", of the last 5 " + last);
        assertTrue(records.stream().anyMatch(r -> r.has("eval_loss") && r.has("eval_psnr_db")), records.toString());
        String report = Files.readString(dir.resolve("run/report.html"));
        assertTrue(report.contains("<svg") && report.contains("data:image/gif;base64,") && report.contains("reconstruction 0"));
        String saved = Files.readString(dir.resolve("run/config.json"));
        assertTrue(saved.contains("\"hidden\" : 8") && saved.contains("\"frames\" : 4"), saved); // model defaults resolved
    }

    @Test
    void stoppingAndResumingGivesBitIdenticalParametersAndMoments() throws IOException {
        Path config = config("{\"steps\": 12, \"batch_size\": 2, \"checkpoint_every\": 5, \"keep_checkpoints\": 5,"
                + " \"clip_grad_norm\": 0.5, \"ema_decay\": 0.9, \"schedule\": {\"kind\": \"cosine\", \"warmup_steps\": 3}}");
        try (TrainingRun straight = open(config, dir.resolve("straight"), false)) {
            straight.train();
        }
        try (TrainingRun interrupted = open(config, dir.resolve("resumed"), false)) {
            interrupted.trainer().run(8); // "killed" after step 8; the newest checkpoint is step 5
        }
        try (TrainingRun resumed = open(null, dir.resolve("resumed"), true)) {
            assertEquals(5, resumed.trainer().step());
            resumed.train();
        }
        try (MemoryScope scope = MemoryScope.open()) {
            TrainingState a = CheckpointStore.load(dir.resolve("straight/checkpoints/step-00000012.safetensors"));
            TrainingState b = CheckpointStore.load(dir.resolve("resumed/checkpoints/step-00000012.safetensors"));
            assertEquals(a.model().keySet(), b.model().keySet());
            a.model().forEach((k, t) -> assertArrayEquals(t.toFloatArray(), b.model().get(k).toFloatArray(), k));
            assertEquals(a.optimizer().keySet(), b.optimizer().keySet());
            a.optimizer().forEach((k, t) -> assertArrayEquals(t.toFloatArray(), b.optimizer().get(k).toFloatArray(), k));
            assertEquals(a.optimizerSteps(), b.optimizerSteps());
            assertEquals(a.model().keySet(), b.ema().keySet());
            a.ema().forEach((k, t) -> assertArrayEquals(t.toFloatArray(), b.ema().get(k).toFloatArray(), k));
            assertEquals(12, b.emaUpdates());
            assertEquals(a.rng(), b.rng());
            assertEquals(a.dataPosition(), b.dataPosition());
        }
    }

    @Test
    void aRestoredModelHasTheMovingAverageOfItsWeightsWhenTheRunKeptOne() throws IOException {
        for (double decay : new double[] {0, 0.8}) {
            Path out = dir.resolve("ema-" + decay);
            try (TrainingRun run = open(config("{\"steps\": 6, \"batch_size\": 2, \"eval_every\": 3, \"ema_decay\": " + decay + "}"),
                    out, false)) {
                run.train();
            }
            assertEquals(decay > 0, Files.readString(out.resolve("report.html")).contains("eval loss, moving average of the weights"));
            Path file = out.resolve("checkpoints/step-00000006.safetensors");
            try (MemoryScope scope = MemoryScope.open()) {
                TrainingState saved = CheckpointStore.load(file);
                ModelEntry.Restored restored = ModelRegistry.TINY_VIDEO_AUTOENCODER.restore(file);
                assertEquals(decay > 0, restored.averaged());
                var expected = decay > 0 ? saved.ema() : saved.model();
                restored.module().stateDict().forEach((k, t) ->
                        assertArrayEquals(expected.get(k).toFloatArray(), t.toFloatArray(), k));
                if (decay > 0) {
                    assertFalse(Arrays.equals(saved.model().values().iterator().next().toFloatArray(),
                            saved.ema().values().iterator().next().toFloatArray()), "the average differs from the weights");
                }
            }
        }
    }

    @Test
    void anOutputFolderWithARunIsLeftAloneUnlessAsked() throws IOException {
        Path config = config("{\"steps\": 2, \"batch_size\": 1}");
        try (TrainingRun run = open(config, dir.resolve("run"), false)) {
            run.train();
        }
        String before = Files.readString(dir.resolve("run/metrics.jsonl"));
        RunConflictException e = assertThrows(RunConflictException.class, () -> open(config, dir.resolve("run"), false));
        assertEquals(dir.resolve("run") + " already holds a run: pass --resume to continue it or --overwrite to start over",
                e.getMessage());
        assertEquals(before, Files.readString(dir.resolve("run/metrics.jsonl")));
        RunConflictException nothing = assertThrows(RunConflictException.class, () -> open(config, dir.resolve("empty"), true));
        assertEquals("nothing to resume in " + dir.resolve("empty") + ": it has no checkpoint", nothing.getMessage());
    }
}
