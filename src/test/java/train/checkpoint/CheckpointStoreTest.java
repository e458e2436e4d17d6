package train.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tensor.Tensor;
import tensor.io.Safetensors;
import train.TrainingState;

class CheckpointStoreTest {
    @TempDir
    Path dir;

    private static TrainingState state(long step) {
        return state(step, Map.of(), 0);
    }

    private static TrainingState state(long step, Map<String, Tensor> ema, long emaUpdates) {
        Map<String, Tensor> model = new LinkedHashMap<>();
        model.put("encoder.0.weight", Tensor.of(new float[] {1, 2, 3, (float) step}, 2, 2));
        model.put("encoder.0.bias", Tensor.of(new float[] {-0.5f, Float.MIN_VALUE}, 2));
        Map<String, Tensor> optimizer = Map.of("encoder.0.weight.exp_avg", Tensor.of(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, 2, 2));
        return new TrainingState(step, model, optimizer, Map.of("encoder.0.weight", step), ema, emaUpdates,
                new TrainingState.RngState(7, 1, 40 + step), 4 * step, "{\"steps\": 100}\n", "0.1.0");
    }

    @Test
    void aSavedStateLoadsBackExactly() {
        CheckpointStore store = new CheckpointStore(dir.resolve("checkpoints"), 3);
        TrainingState saved = state(12);
        Path file = store.save(saved);
        assertEquals(dir.resolve("checkpoints/step-00000012.safetensors"), file);
        TrainingState loaded = CheckpointStore.load(file);
        assertEquals(saved.step(), loaded.step());
        assertEquals(saved.rng(), loaded.rng());
        assertEquals(saved.dataPosition(), loaded.dataPosition());
        assertEquals(saved.optimizerSteps(), loaded.optimizerSteps());
        assertEquals(saved.configJson(), loaded.configJson());
        assertEquals(saved.version(), loaded.version());
        assertEquals(saved.model().keySet(), loaded.model().keySet());
        saved.model().forEach((k, t) -> assertArrayEquals(t.toFloatArray(), loaded.model().get(k).toFloatArray(), k));
        saved.optimizer().forEach((k, t) -> assertArrayEquals(t.toFloatArray(), loaded.optimizer().get(k).toFloatArray(), k));
        assertTrue(loaded.ema().isEmpty());
        assertEquals(0, loaded.emaUpdates());
    }

    private static Map<String, Tensor> average() {
        Map<String, Tensor> ema = new LinkedHashMap<>();
        ema.put("encoder.0.weight", Tensor.of(new float[] {0.9f, 1.9f, 2.9f, 3.9f}, 2, 2));
        ema.put("encoder.0.bias", Tensor.of(new float[] {-0.4f, 0}, 2));
        return ema;
    }

    @Test
    void aMovingAverageLoadsBackExactly() {
        Path file = new CheckpointStore(dir, 1).save(state(30, average(), 29));
        TrainingState loaded = CheckpointStore.load(file);
        assertEquals(29, loaded.emaUpdates());
        assertEquals(average().keySet(), loaded.ema().keySet());
        average().forEach((k, t) -> assertArrayEquals(t.toFloatArray(), loaded.ema().get(k).toFloatArray(), k));
        assertEquals(2, loaded.model().size(), "the average's tensors stay apart from the model's");
    }

    @Test
    void aMovingAverageWithoutItsUpdateCountIsRejected() throws IOException {
        Path file = new CheckpointStore(dir, 1).save(state(30, average(), 29));
        Safetensors.Contents contents = Safetensors.read(file);
        Map<String, String> metadata = new LinkedHashMap<>(contents.metadata());
        metadata.remove("ema_updates");
        Safetensors.write(file, contents.tensors(), metadata);
        CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointStore.load(file));
        assertEquals(file + ": checkpoint metadata lacks 'ema_updates'", e.getMessage());
    }

    @Test
    void onlyTheNewestAreKeptAndTemporaryFilesAreIgnored() throws IOException {
        CheckpointStore store = new CheckpointStore(dir, 2);
        Files.writeString(dir.resolve(".step-00000400.safetensors12345.tmp"), "torn write");
        for (long step : new long[] {5, 10, 100, 15}) {
            store.save(state(step));
        }
        List<String> names = store.list().stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("step-00000015.safetensors", "step-00000100.safetensors"), names);
        assertEquals(store.fileFor(100), store.latest().orElseThrow());
    }

    @Test
    void aMissingCheckpointIsOneClearError() {
        CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointStore.load(dir.resolve("nope.safetensors")));
        assertEquals(dir.resolve("nope.safetensors") + ": no such checkpoint", e.getMessage());
    }

    @Test
    void aTruncatedCheckpointIsOneClearError() throws IOException {
        Path file = new CheckpointStore(dir, 1).save(state(3));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 5));
        CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointStore.load(file));
        assertTrue(e.getMessage().startsWith("corrupt or unreadable checkpoint: " + file + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void aSafetensorsFileThatIsNotACheckpointIsRejected() throws IOException {
        Path file = dir.resolve("weights.safetensors");
        Safetensors.write(file, Map.of("w", Tensor.of(new float[] {1}, 1)));
        CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointStore.load(file));
        assertEquals(file + ": not a Zoetrope training checkpoint (metadata 'format' is missing, expected '"
                + CheckpointStore.FORMAT + "')", e.getMessage());
    }
}
