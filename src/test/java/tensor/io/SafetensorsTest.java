package tensor.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tensor.DType;
import tensor.Tensor;

class SafetensorsTest {
    @TempDir
    Path dir;

    /** A safetensors file from a header string and data bytes. */
    static byte[] file(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(h.length).put(h).put(data).array();
    }

    private static byte[] floatsLE(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    @Test
    void writesTheReferenceImplementationsBytes() throws IOException {
        // huggingface/safetensors, safetensors/src/tensor.rs, test_serialization: the expected output.
        byte[] expected = file("{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}",
                floatsLE(0, 1, 2, 3, 4, 5));
        Path p = dir.resolve("ref.safetensors");
        Safetensors.write(p, Map.of("attn.0", Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 1, 2, 3)));
        assertArrayEquals(expected, Files.readAllBytes(p));

        // test_empty: "{}" padded with spaces to 8 bytes.
        Safetensors.write(p, Map.of());
        assertArrayEquals(file("{}      ", new byte[0]), Files.readAllBytes(p));
    }

    @Test
    void roundTripsBitForBitWithMetadata() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        float[] specials = {Float.NaN, Float.intBitsToFloat(0x7fc00001), -0f, Float.MIN_VALUE, Float.POSITIVE_INFINITY, 1.5f};
        tensors.put("z.f32", Tensor.of(specials, 2, 3));
        tensors.put("a.f64", Tensor.of(new double[] {Math.PI, -1e-300, Double.NaN}, 3));
        tensors.put("m.i32", Tensor.of(new int[] {Integer.MIN_VALUE, 0, Integer.MAX_VALUE, 7}, 2, 1, 2));
        tensors.put("empty", Tensor.zeros(0, 4));
        tensors.put("scalar", Tensor.scalar(2.5));
        Path p = dir.resolve("m.safetensors");
        Safetensors.write(p, tensors, Map.of("format", "pt", "step", "12"));

        Safetensors.Contents back = Safetensors.read(p);
        assertEquals(List.of("a.f64", "empty", "m.i32", "scalar", "z.f32"), List.copyOf(back.tensors().keySet()));
        assertEquals(Map.of("format", "pt", "step", "12"), back.metadata());
        float[] got = back.tensors().get("z.f32").toFloatArray();
        for (int i = 0; i < specials.length; i++) {
            assertEquals(Float.floatToRawIntBits(specials[i]), Float.floatToRawIntBits(got[i]), "element " + i);
        }
        assertEquals(tensors.get("a.f64").shape(), back.tensors().get("a.f64").shape());
        assertEquals(Double.doubleToRawLongBits(Math.PI), Double.doubleToRawLongBits(back.tensors().get("a.f64").toDoubleArray()[0]));
        assertArrayEquals(new int[] {Integer.MIN_VALUE, 0, Integer.MAX_VALUE, 7}, back.tensors().get("m.i32").toIntArray());
        assertEquals(tensors.get("m.i32").shape(), back.tensors().get("m.i32").shape());
        assertEquals(0, back.tensors().get("empty").numel());
        assertEquals(0, back.tensors().get("scalar").rank());
        assertEquals(DType.F64, back.tensors().get("a.f64").dtype());

        long headerLength = ByteBuffer.wrap(Files.readAllBytes(p), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8, "header padded to 8 bytes");
    }

    @Test
    void sameTensorsSameBytes() throws IOException {
        Map<String, Tensor> one = new LinkedHashMap<>();
        one.put("b", Tensor.ones(2));
        one.put("a", Tensor.zeros(3));
        Map<String, Tensor> other = new LinkedHashMap<>();
        other.put("a", Tensor.zeros(3));
        other.put("b", Tensor.ones(2));
        Safetensors.write(dir.resolve("1"), one);
        Safetensors.write(dir.resolve("2"), other);
        assertArrayEquals(Files.readAllBytes(dir.resolve("1")), Files.readAllBytes(dir.resolve("2")));
    }

    @Test
    void readsStridedViewsAsTheirValues() throws IOException {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).transpose(0, 1);
        Safetensors.write(dir.resolve("t"), Map.of("t", t));
        assertArrayEquals(t.toFloatArray(), Safetensors.read(dir.resolve("t")).tensors().get("t").toFloatArray());
    }

    @Test
    void unsupportedDtypeIsNamedWithItsTensor() throws IOException {
        Path p = dir.resolve("half.safetensors");
        Files.write(p, file("{\"w\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]}}", new byte[4]));
        SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> Safetensors.read(p));
        assertTrue(e.getMessage().contains("unsupported dtype BF16 for tensor 'w'"), e.getMessage());
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
    }

    @Test
    void failedWriteLeavesThePreviousFileIntact() throws IOException {
        Path p = dir.resolve("keep.safetensors");
        Safetensors.write(p, Map.of("w", Tensor.ones(3)));
        byte[] before = Files.readAllBytes(p);
        Tensor closed = Tensor.ones(2);
        closed.close();
        assertThrows(IllegalStateException.class, () -> Safetensors.write(p, Map.of("w", closed)));
        assertArrayEquals(before, Files.readAllBytes(p));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(p), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void metadataKeyIsNotATensorName() {
        assertThrows(IllegalArgumentException.class,
                () -> Safetensors.write(dir.resolve("x"), Map.of("__metadata__", Tensor.ones(1))));
    }
}
