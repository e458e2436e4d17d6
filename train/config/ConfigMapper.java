package train.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Strict JSON for configuration records. Keys are {@code snake_case} versions of the record
 * components ({@code batchSize} is {@code "batch_size"}); a key a record does not have is an error
 * that names it and lists the valid ones; a key left out takes its value from the defaults the
 * caller passes (so a config file says only what differs).
 */
public final class ConfigMapper {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ConfigMapper() {}

    /** Reads a JSON object from a file; a missing file or malformed JSON is a {@link ConfigException}. */
    public static ObjectNode readTree(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such config file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        return parseObject(text, file.toString());
    }

    /** Parses JSON text that must be one object; {@code source} names it in errors. */
    public static ObjectNode parseObject(String text, String source) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": not valid JSON: " + e.getOriginalMessage().replaceAll(" \\(start marker at .*", "")
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")"));
        }
        if (tree == null || !tree.isObject()) {
            throw new ConfigException(source + ": expected a JSON object at the top level");
        }
        return (ObjectNode) tree;
    }

    /**
     * The record {@code type} from {@code tree} laid over {@code defaults}: each key in the tree
     * replaces the default's (objects are merged key by key, everything else is replaced whole).
     *
     * @throws ConfigException naming {@code source} and the key for unknown keys and bad values
     */
    public static <T> T resolve(JsonNode tree, T defaults, Class<T> type, String source) {
        ObjectNode merged = toTree(defaults);
        if (tree != null && !tree.isNull()) {
            if (!tree.isObject()) {
                throw new ConfigException(source + ": expected a JSON object, got " + tree.getNodeType().toString().toLowerCase());
            }
            merge(merged, (ObjectNode) tree);
        }
        return convert(merged, type, source);
    }

    /** The tree a record serializes to ({@code snake_case} keys). */
    public static ObjectNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** Indented JSON text. */
    public static String toJson(JsonNode tree) {
        try {
            return MAPPER.writeValueAsString(tree) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    private static <T> T convert(JsonNode tree, Class<T> type, String source) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new ConfigException(source + ": unknown key '" + path(e) + "' (known keys there: " + known + ")");
        } catch (ValueInstantiationException e) {
            // a record's constructor rejected a value: its own message says which and why
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ConfigException(source + ": " + (path(e).isEmpty() ? "" : "in '" + path(e) + "': ") + cause.getMessage());
        } catch (JsonMappingException e) {
            throw new ConfigException(source + ": bad value for '" + path(e) + "': " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": " + e.getOriginalMessage());
        }
    }

    /** The dotted key path of a mapping failure, e.g. {@code optimizer.learning_rate}. */
    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** Lays {@code over} onto {@code base} in place: objects merge key by key, other values replace. */
    static void merge(ObjectNode base, ObjectNode over) {
        for (Iterator<Map.Entry<String, JsonNode>> it = over.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = base.get(e.getKey());
            if (existing instanceof ObjectNode target && e.getValue() instanceof ObjectNode source) {
                merge(target, source);
            } else {
                base.set(e.getKey(), e.getValue());
            }
        }
    }
}
