package train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train vidicl}, {@code eval vidicl} and {@code demo} through the command line, on a model
 * small enough to train for a few steps in seconds: the happy paths and the usage mistakes.
 */
class VidIclCommandsTest {
    /** A 12×12 world of 2 segments, a one-block transformer of width 16, with a moving average of its weights. */
    private static final String TINY = """
            {"model": {"width": 16, "layers": 1, "heads": 2, "hidden": 32},
             "data": {"size": 12, "frames_per_segment": 4, "segments": 2, "patch": 2, "levels": 3,
                      "families": ["OBJECT_MOTION"], "speeds": [2],
                      "min_objects": 1, "max_objects": 1, "min_size": 4, "max_size": 4},
             "steps": 3, "batch_size": 2, "log_every": 1, "eval_every": 3, "ema_decay": 0.9,
             "optimizer": {"learning_rate": 0.01}}
            """;

    @TempDir
    static Path shared;
    private static Path config;
    private static Path run;

    @BeforeAll
    static void trainTinyModel() throws IOException {
        config = shared.resolve("vidicl.json");
        Files.writeString(config, TINY);
        run = shared.resolve("run");
        ZoetropeTest.Run r = ZoetropeTest.run("train", "vidicl", "--config", config.toString(), "--out", run.toString(),
                "--device", "cpu");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("done: 3 steps"), r.out());
        assertTrue(r.out().contains("step 3: eval loss ") && r.out().contains(" (moving average of the weights "), r.out());
    }

    private static String usageError(ZoetropeTest.Run r) {
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.errLines().size(), r.err());
        return r.errLines().get(0);
    }

    @Test
    void trainingWritesACheckpointWithTheResolvedConfigAndAReport() throws IOException {
        String saved = Files.readString(run.resolve("config.json"));
        assertTrue(saved.contains("\"levels\" : 3") && saved.contains("\"families\" : [ \"OBJECT_MOTION\" ]"), saved);
        assertTrue(Files.readString(run.resolve("metrics.jsonl")).contains("\"bits_per_token\""));
        assertTrue(Files.readString(run.resolve("report.html")).contains("prediction (teacher-forced)"));
        ZoetropeTest.Run inspect = ZoetropeTest.run("inspect", run.resolve("checkpoints/step-00000003.safetensors").toString());
        assertTrue(inspect.out().lines().anyMatch(l -> l.matches("  model/embed_tokens\\.weight +F32 +\\[27, 16\\] +432")), inspect.out()); // 3³ tokens
    }

    @Test
    void evalWritesEvalJsonTheReportAndGifs() throws IOException {
        Path out = shared.resolve("eval");
        ZoetropeTest.Run r = ZoetropeTest.run("eval", "vidicl", "--checkpoint", run.toString(), "--episodes", "2",
                "--seed", "4", "--out", out.toString(), "--device", "cpu");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("accuracy (chance 0.125): same "), r.out());
        assertTrue(r.out().contains("parameters, moving average of the weights (ema_decay 0.9))"), r.out());
        JsonNode json = new ObjectMapper().readTree(Files.readString(out.resolve("eval.json")));
        for (String kind : List.of("same", "none", "random", "opposite")) {
            double v = json.get("icl").get(kind).asDouble(-1);
            assertTrue(v >= 0 && v <= 1, kind + " " + json);
        }
        assertTrue(json.get("psnr").isNumber() && json.get("ssim").isNumber(), json.toString());
        assertEquals(4, json.get("seed").asInt());
        double ceiling = json.get("tokenizer_ceiling").get("same").asDouble(-1);
        assertTrue(ceiling >= 0 && ceiling <= 1 && json.get("tokenizer_ceiling").get("psnr").isNumber(), json.toString());
        assertTrue(r.out().contains("tokenizer ceiling (the ground truth through the tokenizer): same "), r.out());
        assertTrue(Files.readString(out.resolve("report.html")).contains("moving average (ema_decay 0.9)"));
        assertTrue(Files.exists(out.resolve("gifs/same-00.gif")));
    }

    @Test
    void theDemoUsesShippedWeightsWhenThereAreSome() {
        Path out = shared.resolve("demo-shipped");
        ZoetropeTest.Run r = ZoetropeTest.run("demo", "--weights", run.toString(), "--episodes", "1", "--out", out.toString(),
                "--device", "cpu");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("using trained weights " + run.resolve("checkpoints")), r.out());
        assertTrue(r.out().contains("report:    " + out.resolve("eval/report.html")), r.out());
        assertTrue(Files.exists(out.resolve("eval/eval.json")));
    }

    @Test
    void theDemoTrainsFirstWithoutWeights() {
        Path out = shared.resolve("demo-trains");
        ZoetropeTest.Run r = ZoetropeTest.run("demo", "--weights", shared.resolve("none").toString(), "--config",
                config.toString(), "--episodes", "1", "--out", out.toString(), "--device", "cpu");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("no trained weights in " + shared.resolve("none") + ": training a small model first"), r.out());
        assertTrue(r.out().contains("step 3/3"), r.out());
        assertTrue(Files.exists(out.resolve("train/checkpoints/step-00000003.safetensors")));
        assertTrue(Files.exists(out.resolve("eval/eval.json")));
    }

    @Test
    void aMissingCheckpointIsAUsageMistake() {
        Path missing = shared.resolve("nope.safetensors");
        assertEquals("zoetrope eval: no such checkpoint: " + missing + " (see 'zoetrope eval --help')",
                usageError(ZoetropeTest.run("eval", "vidicl", "--checkpoint", missing.toString())));
        Path empty = shared.resolve("empty-run");
        empty.toFile().mkdirs();
        assertTrue(usageError(ZoetropeTest.run("eval", "vidicl", "--checkpoint", empty.toString()))
                .startsWith("zoetrope eval: no checkpoint in " + empty));
    }

    @Test
    void badEpisodeCountsAreUsageMistakes() {
        assertEquals("zoetrope eval: --episodes must be at least 1, got 0 (see 'zoetrope eval --help')",
                usageError(ZoetropeTest.run("eval", "vidicl", "--checkpoint", run.toString(), "--episodes", "0")));
        assertTrue(usageError(ZoetropeTest.run("eval", "vidicl", "--checkpoint", run.toString(), "--episodes", "many"))
                .startsWith("zoetrope eval: invalid value for option '--episodes'"));
        assertEquals("zoetrope demo: --episodes must be at least 1, got -3 (see 'zoetrope demo --help')",
                usageError(ZoetropeTest.run("demo", "--episodes", "-3")));
    }

    @Test
    void otherUsageMistakesAreOneLine() {
        assertEquals("zoetrope eval: unknown model 'sora': expected vidicl (see 'zoetrope eval --help')",
                usageError(ZoetropeTest.run("eval", "sora", "--checkpoint", run.toString())));
        assertTrue(usageError(ZoetropeTest.run("eval", "vidicl")).startsWith("zoetrope eval: missing required option: '--checkpoint"));
        assertEquals("zoetrope eval: --demos 2 does not fit: the model was trained on videos of 2 segments, so at most 1 "
                        + "demonstration(s) precede a query (see 'zoetrope eval --help')",
                usageError(ZoetropeTest.run("eval", "vidicl", "--checkpoint", run.toString(), "--demos", "2", "--device", "cpu",
                        "--out", shared.resolve("unused").toString())));
        assertTrue(usageError(ZoetropeTest.run("eval", "vidicl", "--checkpoint", run.toString(), "--temperature", "0"))
                .startsWith("zoetrope eval: sampling: temperature must be finite and > 0"));
        assertTrue(usageError(ZoetropeTest.run("demo", "--weights", shared.resolve("none").toString(), "--config",
                shared.resolve("none.json").toString(), "--device", "cpu")).contains("no config to train with"));
    }

    @Test
    void aCorruptCheckpointIsAFailureOfOneLine() throws IOException {
        Path corrupt = shared.resolve("corrupt.safetensors");
        Files.write(corrupt, new byte[] {1, 2, 3});
        ZoetropeTest.Run r = ZoetropeTest.run("eval", "vidicl", "--checkpoint", corrupt.toString(), "--device", "cpu");
        assertEquals(1, r.code(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.errLines().get(0).startsWith("zoetrope eval: error: CheckpointException: corrupt or unreadable checkpoint"),
                r.err());
    }
}
