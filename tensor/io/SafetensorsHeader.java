package tensor.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON header of a safetensors file, parsed and validated with every check of the reference
 * implementation (huggingface/safetensors, {@code SafeTensors::read_metadata} and {@code validate}),
 * plus a few stricter ones:
 * <ul>
 *   <li>the header is UTF-8 JSON starting with {@code {}, an object, with nothing after it but the
 *       space padding; duplicate keys are rejected;</li>
 *   <li>{@code __metadata__}, if present, maps strings to strings;</li>
 *   <li>every other key is a tensor: an object with exactly {@code dtype} (a known name),
 *       {@code shape} (non-negative integers) and {@code data_offsets} ({@code [begin, end]},
 *       {@code begin ≤ end}), relative to the start of the data section;</li>
 *   <li>sorted by offsets, each tensor begins where the previous one ends (no gaps, no overlaps),
 *       the first at 0, and the last ends exactly at the end of the file (no trailing bytes);</li>
 *   <li>{@code numel(shape) · bits(dtype) / 8} equals {@code end − begin}, computed without overflow.</li>
 * </ul>
 *
 * @param entries the tensors in the order of their data
 * @param metadata the {@code __metadata__} map (empty if absent)
 */
record SafetensorsHeader(List<Entry> entries, Map<String, String> metadata) {
    static final String METADATA_KEY = "__metadata__";

    /** One tensor's description; offsets are relative to the data section. */
    record Entry(String name, SafetensorsDType dtype, long[] shape, long begin, long end) {
        long byteLength() {
            return end - begin;
        }

        String describe() {
            return dtype + " " + Arrays.toString(shape);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /**
     * Parses and validates {@code header} (the bytes after the length prefix) for a data section of
     * {@code dataLength} bytes.
     */
    static SafetensorsHeader parse(String file, byte[] header, long dataLength) throws SafetensorsFormatException {
        if (header.length == 0 || header[0] != '{') {
            throw new SafetensorsFormatException(file, "the header does not start with '{'");
        }
        JsonNode root;
        try {
            root = JSON.readTree(header);
        } catch (JacksonException e) {
            throw new SafetensorsFormatException(file, "the header is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new SafetensorsFormatException(file, "the header cannot be decoded: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new SafetensorsFormatException(file, "the header is not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals(METADATA_KEY)) {
                metadata = metadata(file, field.getValue());
            } else {
                entries.add(entry(file, field.getKey(), field.getValue()));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        checkLayout(file, entries, dataLength);
        return new SafetensorsHeader(List.copyOf(entries), Map.copyOf(metadata));
    }

    private static Map<String, String> metadata(String file, JsonNode node) throws SafetensorsFormatException {
        if (!node.isObject()) {
            throw new SafetensorsFormatException(file, METADATA_KEY + " must be an object mapping strings to strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isTextual()) {
                throw new SafetensorsFormatException(file, METADATA_KEY + " entry '" + field.getKey()
                        + "' must be a string, not " + field.getValue().getNodeType());
            }
            out.put(field.getKey(), field.getValue().textValue());
        }
        return out;
    }

    private static Entry entry(String file, String name, JsonNode node) throws SafetensorsFormatException {
        String where = "tensor '" + name + "'";
        if (!node.isObject()) {
            throw new SafetensorsFormatException(file, where + " must be an object with dtype, shape and data_offsets");
        }
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.equals("dtype") && !key.equals("shape") && !key.equals("data_offsets")) {
                throw new SafetensorsFormatException(file, where + " has an unknown field '" + key + "'");
            }
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw new SafetensorsFormatException(file, where + " needs a string dtype");
        }
        SafetensorsDType dtype = SafetensorsDType.named(dtypeNode.textValue()).orElseThrow(() ->
                new SafetensorsFormatException(file, where + " has an unknown dtype '" + dtypeNode.textValue() + "'"));
        long[] shape = naturals(file, where + " shape", node.get("shape"), -1);
        long[] offsets = naturals(file, where + " data_offsets", node.get("data_offsets"), 2);
        if (offsets[1] < offsets[0]) {
            throw new SafetensorsFormatException(file, where + " data_offsets " + Arrays.toString(offsets) + " end before they begin");
        }
        return new Entry(name, dtype, shape, offsets[0], offsets[1]);
    }

    /** A JSON array of non-negative integers that fit a long ({@code length} of them unless negative). */
    private static long[] naturals(String file, String what, JsonNode node, int length) throws SafetensorsFormatException {
        if (node == null || !node.isArray() || (length >= 0 && node.size() != length)) {
            throw new SafetensorsFormatException(file, what + " must be an array of "
                    + (length >= 0 ? length + " " : "") + "non-negative integers, found " + node);
        }
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw new SafetensorsFormatException(file, what + " must hold non-negative integers, found " + v);
            }
            out[i] = v.longValue();
        }
        return out;
    }

    /** Contiguous, in order, sizes matching shapes, covering exactly {@code dataLength} bytes. */
    private static void checkLayout(String file, List<Entry> entries, long dataLength) throws SafetensorsFormatException {
        long expectedBegin = 0;
        for (Entry e : entries) {
            String where = "tensor '" + e.name() + "'";
            if (e.begin() != expectedBegin) {
                throw new SafetensorsFormatException(file, where + " data_offsets [" + e.begin() + ", " + e.end()
                        + "] " + (e.begin() < expectedBegin ? "overlap the previous tensor" : "leave a gap")
                        + " (expected it to begin at " + expectedBegin + ")");
            }
            long bits = bitLength(file, e);
            if (bits % 8 != 0) {
                throw new SafetensorsFormatException(file, where + ": " + e.describe() + " is not a whole number of bytes");
            }
            if (bits / 8 != e.byteLength()) {
                throw new SafetensorsFormatException(file, where + ": " + e.describe() + " needs " + bits / 8
                        + " bytes, data_offsets span " + e.byteLength());
            }
            expectedBegin = e.end();
        }
        if (expectedBegin != dataLength) {
            throw new SafetensorsFormatException(file, expectedBegin < dataLength
                    ? "the data section has " + (dataLength - expectedBegin) + " trailing bytes no tensor uses"
                    : "the file is truncated: the tensors need " + expectedBegin + " data bytes, it has " + dataLength);
        }
    }

    private static long bitLength(String file, Entry e) throws SafetensorsFormatException {
        try {
            long numel = 1;
            for (long d : e.shape()) {
                numel = Math.multiplyExact(numel, d);
            }
            return Math.multiplyExact(numel, (long) e.dtype().bits());
        } catch (ArithmeticException overflow) {
            throw new SafetensorsFormatException(file, "tensor '" + e.name() + "': the size of " + e.describe() + " overflows");
        }
    }
}
