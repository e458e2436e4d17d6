package train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import train.models.ModelEntry;
import train.models.ModelRegistry;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} and {@code inspect} through the command line: the happy path and every error path. */
class TrainCommandsTest {
    @TempDir
    Path dir;

    private Path config(String json) throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, json);
        return file;
    }

    private static String usageError(ZoetropeTest.Run r) {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        return r.errLines().get(0);
    }

    private ZoetropeTest.Run train(String... extra) throws IOException {
        Path config = Files.exists(dir.resolve("config.json")) ? dir.resolve("config.json")
                : config("{\"steps\": 3, \"batch_size\": 1, \"log_every\": 1}");
        String[] args = {"train", "tiny-video-autoencoder", "--config", config.toString(), "--out", dir.resolve("run").toString()};
        String[] all = Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return ZoetropeTest.run(all);
    }

    @Test
    void trainsThenInspectsTheCheckpoint() throws IOException {
        ZoetropeTest.Run r = train("--steps", "2", "--seed", "5", "--device", "cpu");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("done: 2 steps"), r.out());
        String saved = Files.readString(dir.resolve("run/config.json"));
        assertTrue(saved.contains("\"steps\" : 2") && saved.contains("\"seed\" : 5"), saved); // flags override the file

        ZoetropeTest.Run inspect = ZoetropeTest.run("inspect", dir.resolve("run/checkpoints/step-00000002.safetensors").toString());
        assertEquals(0, inspect.code(), inspect.err());
        assertTrue(inspect.out().lines().anyMatch(l -> l.matches("  model/encoder_in\\.weight +F32 +\\[8, 3, 3, 3, 3\\] +648")),
                inspect.out());
        assertTrue(inspect.out().contains("optimizer/encoder_in.weight.exp_avg"), inspect.out());
        assertTrue(inspect.out().contains("  step: 2"), inspect.out());
        assertTrue(inspect.out().contains("  format: zoetrope-checkpoint/1"), inspect.out());
        List<String> keys = inspect.out().lines().dropWhile(l -> !l.equals("metadata:")).skip(1)
                .filter(l -> l.matches("  [a-z_]+: .*")).map(l -> l.substring(2, l.indexOf(':'))).toList();
        assertEquals(keys.stream().sorted().toList(), keys, "metadata by key");

        ZoetropeTest.Run resumed = ZoetropeTest.run("train", "tiny-video-autoencoder", "--out", dir.resolve("run").toString(),
                "--resume", "--steps", "3", "--ema-decay", "0.99");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("resuming at step 2") && resumed.out().contains("done: 3 steps"), resumed.out());
        assertTrue(resumed.out().contains("ema: the checkpoint of step 2 has no moving average; it starts from its weights"),
                resumed.out());
        assertTrue(Files.readString(dir.resolve("run/config.json")).contains("\"ema_decay\" : 0.99"));
        ZoetropeTest.Run averaged = ZoetropeTest.run("inspect", dir.resolve("run/checkpoints/step-00000003.safetensors").toString());
        assertTrue(averaged.out().contains("ema/encoder_in.weight") && averaged.out().contains("  ema_updates: 1"), averaged.out());
    }

    @Test
    void anUnknownModelIsAUsageMistake() {
        String line = usageError(ZoetropeTest.run("train", "sora", "--config", "x.json"));
        String known = String.join(", ", ModelRegistry.ALL.stream().map(ModelEntry::name).toList());
        assertEquals("zoetrope train: unknown model 'sora': expected one of " + known + " (see 'zoetrope train --help')", line);
    }

    @Test
    void aMissingConfigFileIsAUsageMistake() {
        String line = usageError(ZoetropeTest.run("train", "tiny-video-autoencoder", "--config", dir.resolve("nope.json").toString(),
                "--out", dir.resolve("run").toString()));
        assertTrue(line.contains(dir.resolve("nope.json") + ": no such config file"), line);
        assertFalse(Files.exists(dir.resolve("run")));
    }

    @Test
    void anUnknownConfigKeyIsNamed() throws IOException {
        config("{\"steps\": 3, \"optimizer\": {\"lerning_rate\": 0.1}}");
        String line = usageError(train());
        assertTrue(line.contains("unknown key 'optimizer.lerning_rate' (known keys there: beta1, beta2, eps, learning_rate,"), line);
        assertFalse(Files.exists(dir.resolve("run")));
    }

    @Test
    void anUnknownModelConfigKeyIsNamed() throws IOException {
        config("{\"model\": {\"hiden\": 3}}");
        String line = usageError(train());
        assertTrue(line.contains("(model): unknown key 'hiden' (known keys there: hidden, latent)"), line);
    }

    @Test
    void aBadFlagIsAUsageMistake() {
        String line = usageError(ZoetropeTest.run("train", "tiny-video-autoencoder", "--stepz", "3"));
        assertTrue(line.startsWith("zoetrope train: unknown options: '--stepz'"), line);
    }

    @Test
    void anExistingRunIsNotOverwrittenUnlessAsked() throws IOException {
        assertEquals(0, train().code());
        byte[] metrics = Files.readAllBytes(dir.resolve("run/metrics.jsonl"));
        String line = usageError(train());
        assertTrue(line.endsWith("already holds a run: pass --resume to continue it or --overwrite to start over (see 'zoetrope train --help')"), line);
        assertTrue(Arrays.equals(metrics, Files.readAllBytes(dir.resolve("run/metrics.jsonl"))));
        assertEquals(0, train("--overwrite").code());
    }

    @Test
    void aCorruptCheckpointIsOneLineAndChangesNothing() throws IOException {
        assertEquals(0, train().code());
        Path checkpoint = dir.resolve("run/checkpoints/step-00000003.safetensors");
        byte[] bytes = Files.readAllBytes(checkpoint);
        bytes[3] = 0x7f; // the header length is now absurd
        Files.write(checkpoint, bytes);
        String config = Files.readString(dir.resolve("run/config.json"));

        String resume = usageError(train("--resume", "--steps", "5"));
        assertTrue(resume.startsWith("zoetrope train: corrupt or unreadable checkpoint: " + checkpoint + ": the header length "), resume);
        assertEquals(config, Files.readString(dir.resolve("run/config.json")));

        String inspect = usageError(ZoetropeTest.run("inspect", checkpoint.toString()));
        assertTrue(inspect.startsWith("zoetrope inspect: not a valid safetensors file: " + checkpoint + ": the header length "), inspect);
    }

    @Test
    void inspectingAMissingFileIsAUsageMistake() {
        String line = usageError(ZoetropeTest.run("inspect", dir.resolve("none.safetensors").toString()));
        assertEquals("zoetrope inspect: no such file: " + dir.resolve("none.safetensors") + " (see 'zoetrope inspect --help')", line);
    }
}
