package tensor.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import tensor.Backend;
import tensor.DType;
import tensor.Devices;
import tensor.MemoryScope;
import tensor.Shape;
import tensor.Tensor;

/**
 * Reads and writes the safetensors format (huggingface/safetensors): an 8-byte little-endian
 * header length {@code n}, {@code n} bytes of JSON header (padded with spaces to a multiple of 8),
 * then the tensors' bytes, little-endian, row-major, back to back.
 *
 * <p>Reading validates the whole file before allocating any tensor (see {@link SafetensorsHeader}
 * for every check), with a header capped at {@value #MAX_HEADER_BYTES} bytes like the reference
 * reader; every malformed file is a {@link SafetensorsFormatException} naming the file and the
 * problem. F32, F64 and I32 tensors are read; another dtype (F16, BF16, I64, …) is reported with
 * the tensor's name.
 *
 * <p>Writing puts the tensors in sorted name order (deterministic: the same tensors give the same
 * bytes; the reference also orders by dtype alignment first, which changes no reader's view), and
 * replaces the target atomically ({@link AtomicFile}).
 */
public final class Safetensors {
    /** The reference reader's cap on the header length (100 MB). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final JsonMapper JSON = new JsonMapper();

    private Safetensors() {}

    /** The tensors of a file, in the order of their data, and its {@code __metadata__}. */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
    }

    /** Reads every tensor onto the current device ({@link Devices#current()}). */
    public static Contents read(Path file) throws IOException {
        return read(file, Devices.current());
    }

    /**
     * Reads every tensor onto {@code backend}. The tensors belong to the current
     * {@link MemoryScope}, or to none; nothing is allocated if the file is malformed.
     */
    public static Contents read(Path file, Backend backend) throws IOException {
        String name = file.toString();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw new SafetensorsFormatException(name, "the file has " + size + " bytes, fewer than the 8-byte header length");
            }
            long headerLength = readFully(channel, 0, 8, name).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
                throw new SafetensorsFormatException(name, "the header length " + Long.toUnsignedString(headerLength)
                        + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
            }
            if (8 + headerLength > size) {
                throw new SafetensorsFormatException(name, "the header length " + headerLength
                        + " runs past the end of the file (" + size + " bytes)");
            }
            byte[] headerBytes = readFully(channel, 8, (int) headerLength, name).array();
            long dataStart = 8 + headerLength;
            SafetensorsHeader header = SafetensorsHeader.parse(name, headerBytes, size - dataStart);
            checkSupported(name, header, backend);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            try (MemoryScope scope = MemoryScope.open()) {
                for (SafetensorsHeader.Entry e : header.entries()) {
                    tensors.put(e.name(), tensor(channel, dataStart, e, backend, name));
                }
                tensors.values().forEach(scope::keep);
            }
            return new Contents(tensors, header.metadata());
        }
    }

    private static void checkSupported(String file, SafetensorsHeader header, Backend backend) throws SafetensorsFormatException {
        for (SafetensorsHeader.Entry e : header.entries()) {
            String where = "tensor '" + e.name() + "'";
            DType dtype = e.dtype().zoetrope().orElseThrow(() -> new SafetensorsFormatException(file,
                    "unsupported dtype " + e.dtype() + " for " + where + " (Zoetrope reads F32, F64 and I32)"));
            long numel = e.byteLength() / dtype.bytes();
            if (numel > Integer.MAX_VALUE || java.util.Arrays.stream(e.shape()).anyMatch(d -> d > Integer.MAX_VALUE)) {
                throw new SafetensorsFormatException(file, where + " " + e.describe()
                        + " has more elements than a Zoetrope tensor can hold (2^31 − 1)");
            }
            if (!backend.supports(dtype)) {
                throw new SafetensorsFormatException(file, where + ": backend " + backend.name() + " does not support " + dtype);
            }
        }
    }

    private static Tensor tensor(FileChannel channel, long dataStart, SafetensorsHeader.Entry e, Backend backend,
                                 String file) throws IOException {
        DType dtype = e.dtype().zoetrope().orElseThrow();
        Shape shape = Shape.of(java.util.Arrays.stream(e.shape()).mapToInt(Math::toIntExact).toArray());
        ByteBuffer bytes = readFully(channel, dataStart + e.begin(), Math.toIntExact(e.byteLength()), file)
                .order(ByteOrder.LITTLE_ENDIAN);
        Tensor t = Tensor.empty(backend, dtype, shape);
        switch (dtype) {
            case F32 -> {
                float[] data = new float[shape.numel()];
                bytes.asFloatBuffer().get(data);
                backend.write(t.storage(), data);
            }
            case F64 -> {
                double[] data = new double[shape.numel()];
                bytes.asDoubleBuffer().get(data);
                backend.write(t.storage(), data);
            }
            case I32 -> {
                int[] data = new int[shape.numel()];
                bytes.asIntBuffer().get(data);
                backend.write(t.storage(), data);
            }
        }
        return t;
    }

    /** {@code length} bytes at {@code position}; the caller has checked they lie inside the file. */
    private static ByteBuffer readFully(FileChannel channel, long position, int length, String file) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new SafetensorsFormatException(file, "the file ended early (it changed while being read?)");
            }
        }
        return buffer.flip();
    }

    // ---- writing ------------------------------------------------------------------------------

    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        write(file, tensors, Map.of());
    }

    /** Writes {@code tensors} (in sorted name order) and {@code metadata} (omitted when empty), atomically. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        TreeMap<String, Tensor> sorted = new TreeMap<>(tensors);
        if (sorted.containsKey(SafetensorsHeader.METADATA_KEY)) {
            throw new IllegalArgumentException("safetensors: '" + SafetensorsHeader.METADATA_KEY + "' is reserved, not a tensor name");
        }
        byte[] header = header(sorted, metadata);
        AtomicFile.write(file, channel -> {
            writeFully(channel, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length));
            writeFully(channel, ByteBuffer.wrap(header));
            for (Tensor t : sorted.values()) {
                writeFully(channel, bytes(t));
            }
        });
    }

    private static byte[] header(TreeMap<String, Tensor> tensors, Map<String, String> metadata) {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(SafetensorsHeader.METADATA_KEY);
            new TreeMap<>(metadata).forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            ObjectNode info = root.putObject(e.getKey());
            info.put("dtype", SafetensorsDType.of(t.dtype()).name());
            var shape = info.putArray("shape");
            for (int d : t.shape().dims()) {
                shape.add(d);
            }
            long end = offset + (long) t.numel() * t.dtype().bytes();
            info.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        String json;
        try {
            json = JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("safetensors: cannot serialise the header", e);
        }
        int padding = (8 - json.getBytes(StandardCharsets.UTF_8).length % 8) % 8;
        return (json + " ".repeat(padding)).getBytes(StandardCharsets.UTF_8);
    }

    private static ByteBuffer bytes(Tensor t) {
        long length = (long) t.numel() * t.dtype().bytes();
        if (length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("safetensors: a tensor of " + length + " bytes (" + t.dtype() + " "
                    + t.shape() + ") exceeds the writer's 2 GiB per-tensor limit");
        }
        ByteBuffer out = ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
        switch (t.dtype()) {
            case F32 -> out.asFloatBuffer().put(t.toFloatArray());
            case F64 -> out.asDoubleBuffer().put(t.toDoubleArray());
            case I32 -> out.asIntBuffer().put(t.toIntArray());
        }
        return out;
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
