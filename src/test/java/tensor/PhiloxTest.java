package tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tensor.cpu.CpuBackend;

/**
 * The Philox 4x32-10 block function against Random123's published known answers, the word to
 * float conversions of {@link Generator}'s spec, and the CPU fills built on them.
 */
class PhiloxTest {

    /**
     * Random123 {@code tests/kat_vectors}, the three {@code philox4x32 10} lines:
     * counter (4 words), key (2 words), expected output (4 words).
     */
    private static final int[][] KNOWN_ANSWERS = {
            {0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
                    0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8},
            {0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff,
                    0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd},
            {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0,
                    0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1},
    };

    @Test
    void matchesRandom123KnownAnswers() {
        for (int[] v : KNOWN_ANSWERS) {
            int[] out = new int[4];
            Philox.block(v[0], v[1], v[2], v[3], v[4], v[5], out);
            assertArrayEquals(new int[] {v[6], v[7], v[8], v[9]}, out,
                    () -> String.format("counter %08x %08x %08x %08x key %08x %08x", v[0], v[1], v[2], v[3], v[4], v[5]));
        }
    }

    @Test
    void generatorLayoutPutsBlockInLowWordsStreamInHighWordsSeedInKey() {
        long seed = 0x299f31d0a4093822L;
        long stream = 0x0370734413198a2eL;
        long block = 0x85a308d3243f6a88L;
        int[] out = new int[4];
        Philox.block(seed, stream, block, out);
        assertArrayEquals(new int[] {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}, out);
    }

    @Test
    void uniformF32TakesTheTop24BitsAndStaysBelowOne() {
        assertEquals(0f, Philox.uniformF32(0));
        assertEquals(0f, Philox.uniformF32(0xff), "the low 8 bits are dropped");
        assertEquals(0x1.0p-24f, Philox.uniformF32(0x100));
        assertEquals(0.5f, Philox.uniformF32(0x80000000));
        assertEquals(1f - 0x1.0p-24f, Philox.uniformF32(0xffffffff));
    }

    @Test
    void uniformF64TakesTheWholeUnsignedWord() {
        assertEquals(0.0, Philox.uniformF64(0));
        assertEquals(0x1.0p-32, Philox.uniformF64(1));
        assertEquals(0.5, Philox.uniformF64(0x80000000));
        assertEquals(1 - 0x1.0p-32, Philox.uniformF64(0xffffffff));
    }

    @Test
    void boxMullerFollowsTheSpec() {
        // u1 = 1 makes the radius 0.
        assertEquals(0.0, Philox.normal(0xffffffff, 0x12345678, false), 0.0);
        // u1 = 2^-32 (the smallest), u2 = 1/4: cos(π/2)·r ≈ 0, sin(π/2)·r = r = sqrt(64 ln 2).
        double r = Math.sqrt(64 * Math.log(2));
        assertEquals(r, Philox.normal(0, 0x40000000, true), 1e-12);
        assertEquals(0.0, Philox.normal(0, 0x40000000, false), 1e-12);
        // u2 = 1/2: the even element is −r.
        double u1 = (0x7fffffffL + 1) * 0x1.0p-32;
        assertEquals(-Math.sqrt(-2 * Math.log(u1)), Philox.normal(0x7fffffff, 0x80000000, false), 1e-15);
    }

    @Test
    void cpuUniformFillsFollowTheElementToWordMappingWhateverTheThreadSplit() {
        int n = 100_003; // several parallel tasks and a partial last block
        long seed = 42, stream = 7, counter = 1L << 33;
        float[] f32 = drawF32(n, seed, stream, counter, false);
        double[] f64 = drawF64(n, seed, stream, counter, false);
        int[] words = new int[4];
        for (int e = 0; e < n; e++) {
            Philox.block(seed, stream, counter + e / 4, words);
            assertEquals(Philox.uniformF32(words[e % 4]), f32[e], "F32 element " + e);
            assertEquals(Philox.uniformF64(words[e % 4]), f64[e], "F64 element " + e);
        }
    }

    @Test
    void cpuNormalFillsPairWordsWithinEachBlock() {
        int n = 70_001;
        long seed = -3, stream = 1, counter = 5;
        float[] f32 = drawF32(n, seed, stream, counter, true);
        double[] f64 = drawF64(n, seed, stream, counter, true);
        int[] words = new int[4];
        for (int e = 0; e < n; e++) {
            Philox.block(seed, stream, counter + e / 4, words);
            int w = e % 4;
            double expected = Philox.normal(words[w & ~1], words[w | 1], (w & 1) == 1);
            assertEquals(expected, f64[e], "F64 element " + e);
            assertEquals((float) expected, f32[e], "F32 element " + e);
        }
    }

    @Test
    void sameKeySameBitsOtherStreamOrSeedOtherBits() {
        float[] a = drawF32(64, 1, 0, 0, false);
        assertArrayEquals(a, drawF32(64, 1, 0, 0, false));
        float[] otherStream = drawF32(64, 1, 1, 0, false);
        float[] otherSeed = drawF32(64, 2, 0, 0, false);
        assertNotEquals(0, countDifferent(a, otherStream));
        assertTrue(countDifferent(a, otherStream) > 60, "streams must not overlap");
        assertTrue(countDifferent(a, otherSeed) > 60, "seeds must not overlap");
    }

    /**
     * The continuation rule of {@link Generator#reserve}: a draw of {@code n} advances the counter by
     * {@code ceil(n / 4)} blocks, so drawing {@code n} then {@code m} equals one draw of {@code n + m}
     * exactly when {@code n} is a multiple of 4; otherwise the rest of the last block is skipped.
     */
    @Test
    void drawingNThenMContinuesOneDrawOnlyWhenNIsAMultipleOfFour() {
        for (int n = 0; n <= 9; n++) {
            int m = 7;
            Generator split = new Generator(99);
            float[] first = drawF32(n, 99, 0, split.reserve(n), false);
            float[] second = drawF32(m, 99, 0, split.reserve(m), false);
            assertEquals((n + 3) / 4 + (m + 3) / 4, split.counter());
            float[] whole = drawF32(n + m, 99, 0, new Generator(99).reserve(n + m), false);
            float[] joined = new float[n + m];
            System.arraycopy(first, 0, joined, 0, n);
            System.arraycopy(second, 0, joined, n, m);
            assertArrayEquals(java.util.Arrays.copyOf(whole, n), first, "the first draw is a prefix, n=" + n);
            if (n % 4 == 0) {
                assertArrayEquals(whole, joined, "n=" + n);
            } else {
                // The second draw starts at the next whole block: element n of the split sequence is
                // element 4·ceil(n/4) of an unbroken one.
                float[] longer = drawF32(4 * ((n + 3) / 4) + m, 99, 0, 0, false);
                assertArrayEquals(java.util.Arrays.copyOfRange(longer, 4 * ((n + 3) / 4), longer.length), second, "n=" + n);
                assertTrue(countDifferent(whole, joined) > 0, "n=" + n);
            }
        }
    }

    @Test
    void forkedAndRestoredGeneratorsArePositionedExactly() {
        Generator g = new Generator(5);
        g.reserve(10);
        Generator restored = new Generator(g.seed(), g.stream(), g.counter());
        assertEquals(g.reserve(8), restored.reserve(8));
        Generator fork = g.fork(3);
        assertEquals(3, fork.stream());
        assertEquals(0, fork.counter());
        assertEquals(5, fork.seed());
    }

    static float[] drawF32(int n, long seed, long stream, long counter, boolean normal) {
        try (Tensor t = Tensor.empty(CpuBackend.instance(), DType.F32, Shape.of(n))) {
            if (normal) {
                t.backend().randomNormal(t, seed, stream, counter);
            } else {
                t.backend().randomUniform(t, seed, stream, counter);
            }
            float[] out = new float[n];
            t.backend().read(t.storage(), t.offset(), out);
            return out;
        }
    }

    static double[] drawF64(int n, long seed, long stream, long counter, boolean normal) {
        try (Tensor t = Tensor.empty(CpuBackend.instance(), DType.F64, Shape.of(n))) {
            if (normal) {
                t.backend().randomNormal(t, seed, stream, counter);
            } else {
                t.backend().randomUniform(t, seed, stream, counter);
            }
            double[] out = new double[n];
            t.backend().read(t.storage(), t.offset(), out);
            return out;
        }
    }

    private static int countDifferent(float[] a, float[] b) {
        int d = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i] != b[i]) {
                d++;
            }
        }
        return d;
    }
}
