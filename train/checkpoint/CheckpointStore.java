package train.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tensor.Tensor;
import tensor.io.Safetensors;
import train.TrainingState;

/**
 * A run's checkpoints: one safetensors file per saved step, {@code step-00000120.safetensors},
 * in one folder, of which the newest {@code keep} are kept.
 *
 * <h2>File layout</h2>
 * Tensors are named {@code model/<state-dict key>}, {@code optimizer/<state key>} and, when the
 * run keeps a moving average of its weights, {@code ema/<state-dict key>}. The
 * {@code __metadata__} holds strings: {@code format} ({@value #FORMAT}), {@code zoetrope_version},
 * {@code step}, {@code rng_seed}, {@code rng_stream}, {@code rng_counter}, {@code data_position},
 * {@code optimizer_steps} (a JSON object of update counts), {@code ema_updates} (with an average)
 * and {@code config} (the run's resolved config as JSON), so {@code zoetrope inspect} shows
 * everything needed to understand a file.
 *
 * <h2>Safety</h2>
 * A file is written to a temporary name, forced to disk and renamed over its final name
 * ({@link tensor.io.AtomicFile}), so a crash mid-save leaves the previous checkpoints intact. Old
 * ones are deleted only after the new one is in place. Reading checks the whole file (every check
 * of the reference safetensors reader) and the metadata before anything is returned.
 */
public final class CheckpointStore {
    /** The value of the {@code format} metadata key of files this class writes. */
    public static final String FORMAT = "zoetrope-checkpoint/1";

    private static final String MODEL = "model/";
    private static final String OPTIMIZER = "optimizer/";
    private static final String EMA = "ema/";
    private static final Pattern NAME = Pattern.compile("step-(\\d{8,})\\.safetensors");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final int keep;

    public CheckpointStore(Path folder, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("CheckpointStore: keep must be at least 1, got " + keep);
        }
        this.folder = folder;
        this.keep = keep;
    }

    public Path folder() {
        return folder;
    }

    /** The file a checkpoint of {@code step} goes to. */
    public Path fileFor(long step) {
        return folder.resolve(String.format("step-%08d.safetensors", step));
    }

    /** Writes the state atomically, then deletes all but the newest {@code keep} checkpoints. Returns the file. */
    public Path save(TrainingState state) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        state.model().forEach((k, t) -> tensors.put(MODEL + k, t));
        state.optimizer().forEach((k, t) -> tensors.put(OPTIMIZER + k, t));
        state.ema().forEach((k, t) -> tensors.put(EMA + k, t));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", FORMAT);
        metadata.put("zoetrope_version", state.version());
        metadata.put("step", Long.toString(state.step()));
        metadata.put("rng_seed", Long.toString(state.rng().seed()));
        metadata.put("rng_stream", Long.toString(state.rng().stream()));
        metadata.put("rng_counter", Long.toString(state.rng().counter()));
        metadata.put("data_position", Long.toString(state.dataPosition()));
        metadata.put("optimizer_steps", json(new TreeMap<>(state.optimizerSteps())));
        if (!state.ema().isEmpty()) {
            metadata.put("ema_updates", Long.toString(state.emaUpdates()));
        }
        metadata.put("config", state.configJson());
        Path file = fileFor(state.step());
        try {
            Files.createDirectories(folder);
            Safetensors.write(file, tensors, metadata);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
        prune();
        return file;
    }

    /** The checkpoints in this folder, oldest first. */
    public List<Path> list() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> NAME.matcher(f.getFileName().toString()).matches())
                    .sorted((a, b) -> Long.compare(stepOf(a), stepOf(b)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    /** The newest checkpoint, if any. */
    public Optional<Path> latest() {
        List<Path> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    private static long stepOf(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    private void prune() {
        List<Path> all = list();
        for (Path old : all.subList(0, Math.max(0, all.size() - keep))) {
            try {
                Files.deleteIfExists(old);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete old checkpoint " + old, e);
            }
        }
    }

    /**
     * Reads a checkpoint onto the current device. Its tensors belong to the current memory scope
     * (or to none).
     *
     * @throws CheckpointException when the file is missing, malformed, or not a Zoetrope checkpoint
     */
    public static TrainingState load(Path file) {
        Safetensors.Contents contents = read(file);
        Map<String, String> meta = contents.metadata();
        String format = meta.get("format");
        if (!FORMAT.equals(format)) {
            contents.tensors().values().forEach(Tensor::close);
            throw new CheckpointException(file + ": not a Zoetrope training checkpoint (metadata 'format' is "
                    + (format == null ? "missing" : "'" + format + "'") + ", expected '" + FORMAT + "')");
        }
        try {
            Map<String, Tensor> model = new LinkedHashMap<>();
            Map<String, Tensor> optimizer = new LinkedHashMap<>();
            Map<String, Tensor> ema = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> e : contents.tensors().entrySet()) {
                String key = e.getKey();
                if (key.startsWith(MODEL)) {
                    model.put(key.substring(MODEL.length()), e.getValue());
                } else if (key.startsWith(OPTIMIZER)) {
                    optimizer.put(key.substring(OPTIMIZER.length()), e.getValue());
                } else if (key.startsWith(EMA)) {
                    ema.put(key.substring(EMA.length()), e.getValue());
                } else {
                    throw new CheckpointException(file + ": tensor '" + key + "' is none of model/, optimizer/ or ema/");
                }
            }
            Map<String, Long> optimizerSteps = JSON.readValue(required(meta, "optimizer_steps", file),
                    new TypeReference<TreeMap<String, Long>>() {});
            long emaUpdates = ema.isEmpty() ? 0 : number(meta, "ema_updates", file);
            return new TrainingState(number(meta, "step", file), model, optimizer, optimizerSteps, ema, emaUpdates,
                    new TrainingState.RngState(number(meta, "rng_seed", file), number(meta, "rng_stream", file),
                            number(meta, "rng_counter", file)),
                    number(meta, "data_position", file), required(meta, "config", file),
                    required(meta, "zoetrope_version", file));
        } catch (CheckpointException | JsonProcessingException e) {
            contents.tensors().values().forEach(Tensor::close);
            throw e instanceof CheckpointException c ? c
                    : new CheckpointException(file + ": metadata 'optimizer_steps' is not a JSON object of counts", e);
        }
    }

    private static Safetensors.Contents read(Path file) {
        try {
            return Safetensors.read(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file + ": no such checkpoint", e);
        } catch (IOException e) {
            // SafetensorsFormatException's message already names the file and the problem
            String message = e.getMessage() != null && e.getMessage().startsWith(file.toString())
                    ? e.getMessage() : file + ": " + e.getMessage();
            throw new CheckpointException("corrupt or unreadable checkpoint: " + message, e);
        }
    }

    private static String required(Map<String, String> meta, String key, Path file) {
        String value = meta.get(key);
        if (value == null) {
            throw new CheckpointException(file + ": checkpoint metadata lacks '" + key + "'");
        }
        return value;
    }

    private static long number(Map<String, String> meta, String key, Path file) {
        String value = required(meta, key, file);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new CheckpointException(file + ": checkpoint metadata '" + key + "' is not an integer: '" + value + "'");
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value + " as JSON", e);
        }
    }
}
