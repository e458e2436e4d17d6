package train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run's metrics as JSON lines, one object per record, each with its {@code step}:
 * <pre>{@code
 * {"step":10,"loss":0.0312,"reconstruction":0.0312,"lr":0.001,"grad_norm":0.41,"steps_per_s":8.2,"samples_per_s":32.8}
 * {"step":50,"eval_loss":0.0290}
 * }</pre>
 * A resumed run first drops the records after the step it resumes from, which the interrupted run
 * wrote but whose effect the checkpoint does not hold, so the log reads as one unbroken run.
 */
public final class MetricsLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public MetricsLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Appends one record (insertion order is kept) and forces nothing: a crash loses at most the last lines. */
    public void append(Map<String, ?> record) {
        String line;
        try {
            line = JSON.writeValueAsString(record) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metrics record cannot be written as JSON: " + record, e);
        }
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    /** Every record written so far, in order. */
    public List<JsonNode> read() {
        List<JsonNode> records = new ArrayList<>();
        if (!Files.exists(file)) {
            return records;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    records.add(JSON.readTree(line));
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(file + ": a line is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return records;
    }

    /** Drops every record whose step is after {@code step} (and a torn last line). */
    public void truncateAfter(long step) {
        if (!Files.exists(file)) {
            return;
        }
        try {
            StringBuilder kept = new StringBuilder();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                JsonNode record;
                try {
                    record = JSON.readTree(line);
                } catch (JsonProcessingException torn) {
                    continue;
                }
                if (record != null && record.path("step").asLong(Long.MAX_VALUE) <= step) {
                    kept.append(line).append('\n');
                }
            }
            Files.writeString(file, kept, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + file, e);
        }
    }
}
