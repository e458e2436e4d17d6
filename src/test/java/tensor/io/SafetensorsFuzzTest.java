package tensor.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import tensor.MemoryScope;
import tensor.Tensor;

/**
 * Corrupted safetensors files: every one is a {@link SafetensorsFormatException} naming the file
 * (or, for a flip inside tensor data, loads with exactly that flip), never another exception.
 */
class SafetensorsFuzzTest {
    @TempDir
    Path dir;
    private byte[] valid;
    private int dataStart;

    @BeforeEach
    void writeValidFile() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("enc.conv.weight", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        tensors.put("enc.ids", Tensor.of(new int[] {7, 8, 9, 10}, 4));
        tensors.put("head.bias", Tensor.of(new double[] {0.5, -0.25}, 2));
        Path p = dir.resolve("valid.safetensors");
        Safetensors.write(p, tensors, Map.of("format", "pt"));
        valid = Files.readAllBytes(p);
        dataStart = 8 + (int) ByteBuffer.wrap(valid, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** Reads {@code bytes} from a file; returns the failure, or null if it loaded. */
    private SafetensorsFormatException read(byte[] bytes, String label) throws IOException {
        Path p = dir.resolve("case.safetensors");
        Files.write(p, bytes);
        try (MemoryScope scope = MemoryScope.open()) {
            Safetensors.read(p);
            return null;
        } catch (SafetensorsFormatException e) {
            assertTrue(e.getMessage().startsWith(p.toString() + ": "), label + ": message must name the file: " + e.getMessage());
            return e;
        } catch (Throwable other) {
            throw new AssertionError(label + ": expected SafetensorsFormatException, got " + other, other);
        }
    }

    private void assertRejected(byte[] bytes, String label, String expectedInMessage) throws IOException {
        SafetensorsFormatException e = read(bytes, label);
        if (e == null) {
            fail(label + ": a malformed file was accepted");
        }
        assertTrue(e.getMessage().contains(expectedInMessage), label + ": " + e.getMessage());
    }

    private static byte[] withHeader(String header, int dataBytes) {
        return SafetensorsTest.file(header, new byte[dataBytes]);
    }

    @Test
    void everyTruncationIsRejected() throws IOException {
        for (int length = 0; length < valid.length; length++) {
            assertRejected(Arrays.copyOf(valid, length), "truncated to " + length, "");
        }
    }

    @Test
    void trailingBytesAreRejected() throws IOException {
        for (int extra = 1; extra <= 9; extra++) {
            assertRejected(Arrays.copyOf(valid, valid.length + extra), extra + " trailing bytes", "trailing");
        }
    }

    @Test
    void hugeOrImpossibleHeaderLengthsAreRejected() throws IOException {
        for (long length : new long[] {-1L, Long.MAX_VALUE, Long.MIN_VALUE, 100_000_001L, 1L << 40, valid.length, valid.length - 7}) {
            byte[] bytes = valid.clone();
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, length);
            assertRejected(bytes, "header length " + length, "header");
        }
    }

    @TestFactory
    Stream<DynamicTest> malformedHeadersAreRejectedWithTheReason() {
        String t = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},";
        Object[][] cases = {
                {"duplicate key", t + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}", 16, "Duplicate field 'a'"},
                {"overlap", t + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12, "overlap"},
                {"gap", t + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[12,20]}}", 20, "gap"},
                {"first not at 0", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12, "gap"},
                {"wrong shape", "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8, "needs 12 bytes, data_offsets span 8"},
                {"end before begin", "{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,0]}}", 8, "end before they begin"},
                {"size overflow", "{\"a\":{\"dtype\":\"F64\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,8]}}", 8, "overflows"},
                {"unknown dtype", "{\"a\":{\"dtype\":\"F33\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8, "unknown dtype 'F33'"},
                {"unsupported dtype", "{\"a\":{\"dtype\":\"F16\",\"shape\":[4],\"data_offsets\":[0,8]}}", 8, "unsupported dtype F16 for tensor 'a'"},
                {"misaligned bits", "{\"a\":{\"dtype\":\"F4\",\"shape\":[3],\"data_offsets\":[0,1]}}", 1, "whole number of bytes"},
                {"negative dim", "{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8, "non-negative"},
                {"fractional dim", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2.0],\"data_offsets\":[0,8]}}", 8, "non-negative"},
                {"huge offset", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,99999999999999999999]}}", 8, "non-negative"},
                {"three offsets", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8,8]}}", 8, "array of 2"},
                {"missing dtype", "{\"a\":{\"shape\":[2],\"data_offsets\":[0,8]}}", 8, "needs a string dtype"},
                {"unknown field", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"x\":1}}", 8, "unknown field 'x'"},
                {"tensor not an object", "{\"a\":[1,2]}", 0, "must be an object"},
                {"header an array", "[]", 0, "does not start with '{'"},
                {"leading space", " {}", 0, "does not start with '{'"},
                {"not JSON", "{a:1}", 0, "not valid JSON"},
                {"trailing tokens", "{} {}", 0, "not valid JSON"},
                {"NaN literal", "{\"a\":NaN}", 0, "not valid JSON"},
                {"metadata not strings", "{\"__metadata__\":{\"k\":1}}", 0, "must be a string"},
                {"metadata not an object", "{\"__metadata__\":\"x\"}", 0, "must be an object"},
                {"data past the last tensor", "{}", 3, "trailing"},
                {"data missing", "{\"a\":{\"dtype\":\"I32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}", 12, "truncated"},
                {"too large for an int tensor", "{\"a\":{\"dtype\":\"F32\",\"shape\":[0,4294967296],\"data_offsets\":[0,0]}}", 0, "more elements"},
        };
        List<DynamicTest> tests = new ArrayList<>();
        for (Object[] c : cases) {
            tests.add(DynamicTest.dynamicTest((String) c[0],
                    () -> assertRejected(withHeader((String) c[1], (Integer) c[2]), (String) c[0], (String) c[3])));
        }
        tests.add(DynamicTest.dynamicTest("invalid UTF-8", () -> {
            byte[] bytes = withHeader("{\"a\":\"??\"}", 0);
            bytes[8 + 6] = (byte) 0xC3;
            bytes[8 + 7] = (byte) 0x28;
            assertRejected(bytes, "invalid UTF-8", "");
        }));
        return tests.stream();
    }

    @Test
    void randomBitFlipsAreRejectedOrHarmless() throws IOException {
        Random random = new Random(2024);
        float[] f32 = {1, 2, 3, 4, 5, 6};
        int accepted = 0;
        for (int trial = 0; trial < 400; trial++) {
            byte[] bytes = valid.clone();
            int flips = 1 + random.nextInt(3);
            boolean onlyData = true;
            for (int i = 0; i < flips; i++) {
                int at = random.nextInt(bytes.length);
                bytes[at] ^= (byte) (1 << random.nextInt(8));
                onlyData &= at >= dataStart;
            }
            SafetensorsFormatException e = read(bytes, "trial " + trial);
            if (onlyData) {
                assertEquals(null, e, "trial " + trial + ": a flip in tensor data must still load");
                accepted++;
            }
        }
        assertTrue(accepted > 0, "some flips hit the data section");
        // and the unflipped file still reads its values
        Path p = dir.resolve("again.safetensors");
        Files.write(p, valid);
        assertArrayEquals(f32, Safetensors.read(p).tensors().get("enc.conv.weight").toFloatArray());
    }

    @Test
    void flippedDataBytesLoadWithExactlyThatFlip() throws IOException {
        byte[] bytes = valid.clone();
        bytes[dataStart + 3] ^= (byte) 0x80; // sign bit of the first F32 (little-endian)
        Path p = dir.resolve("flip.safetensors");
        Files.write(p, bytes);
        assertArrayEquals(new float[] {-1, 2, 3, 4, 5, 6}, Safetensors.read(p).tensors().get("enc.conv.weight").toFloatArray());
    }
}
