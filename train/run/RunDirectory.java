package train.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import tensor.io.AtomicFile;
import train.MetricsLog;
import train.checkpoint.CheckpointStore;

/**
 * The folder of one run:
 * <pre>
 * config.json                  the resolved config (every key, defaults included)
 * metrics.jsonl                one JSON record per logged step and evaluation
 * checkpoints/step-N.safetensors  the newest checkpoints
 * report.html                  loss curves and samples, written when a run ends
 * </pre>
 */
public record RunDirectory(Path root) {

    public Path config() {
        return root.resolve("config.json");
    }

    public Path metricsFile() {
        return root.resolve("metrics.jsonl");
    }

    public Path checkpointFolder() {
        return root.resolve("checkpoints");
    }

    public Path report() {
        return root.resolve("report.html");
    }

    public MetricsLog metrics() {
        return new MetricsLog(metricsFile());
    }

    public CheckpointStore checkpoints(int keep) {
        return new CheckpointStore(checkpointFolder(), keep);
    }

    /**
     * A checkpoint file as given, or the newest checkpoint of the run folder {@code path}.
     *
     * @throws IllegalArgumentException naming what is missing: the file, or the folder's checkpoints
     */
    public static Path checkpointAt(Path path) {
        if (Files.isDirectory(path)) {
            return new RunDirectory(path).checkpoints(1).latest().orElseThrow(() -> new IllegalArgumentException(
                    "no checkpoint in " + path + " (expected " + path.resolve("checkpoints") + "/step-N.safetensors)"));
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no such checkpoint: " + path);
        }
        return path;
    }

    /** Whether a run has written anything here. */
    public boolean holdsRun() {
        return Files.exists(config()) || Files.exists(metricsFile()) || !checkpoints(1).list().isEmpty();
    }

    /** Deletes what a run writes here (and nothing else), for {@code --overwrite}. */
    public void clear() {
        try {
            for (Path checkpoint : checkpoints(1).list()) {
                Files.delete(checkpoint);
            }
            Files.deleteIfExists(config());
            Files.deleteIfExists(metricsFile());
            Files.deleteIfExists(report());
            if (Files.isDirectory(checkpointFolder())) {
                try (Stream<Path> rest = Files.list(checkpointFolder())) {
                    List<Path> left = rest.toList();
                    if (left.isEmpty()) {
                        Files.delete(checkpointFolder());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the run in " + root + ": " + e.getMessage(), e);
        }
    }

    /** Writes the resolved config atomically. */
    public void writeConfig(String json) {
        try {
            Files.createDirectories(root);
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            AtomicFile.write(config(), channel -> {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config() + ": " + e.getMessage(), e);
        }
    }
}
