package tensor;

/**
 * The Philox 4x32-10 block function (Salmon, Moraes, Dror, Shaw, "Parallel Random Numbers: As
 * Easy as 1, 2, 3", SC 2011) and the conversions from its 32-bit words to floating-point draws
 * that {@link Generator} specifies. Every backend reproduces these functions bit for bit (the
 * OpenCL kernels are a line-by-line port), so each is a pure function of plain integers.
 *
 * <p>One round maps the counter {@code (c0, c1, c2, c3)} under the key {@code (k0, k1)} to
 * <pre>
 *   (hi(M1·c2) ^ c1 ^ k0,  lo(M1·c2),  hi(M0·c0) ^ c3 ^ k1,  lo(M0·c0))
 * </pre>
 * where {@code hi}/{@code lo} are the upper/lower 32 bits of the 64-bit product. Ten rounds are
 * applied; before each round after the first the key is bumped by the Weyl constants
 * {@code (W0, W1)}. All arithmetic is modulo 2^32 on unsigned words (Java ints hold the bits).
 */
public final class Philox {
    /** Round multipliers. */
    static final int M0 = 0xD2511F53;
    static final int M1 = 0xCD9E8D57;
    /** Key schedule increments: the golden ratio and √3 − 1, as 32-bit fractions. */
    static final int W0 = 0x9E3779B9;
    static final int W1 = 0xBB67AE85;
    /** Rounds of the 4x32-10 variant. */
    public static final int ROUNDS = 10;

    private static final double TWO_POW_MINUS_24 = 0x1.0p-24;
    private static final double TWO_POW_MINUS_32 = 0x1.0p-32;

    private Philox() {}

    /**
     * The raw block function: encrypts the counter {@code (c0, c1, c2, c3)} under the key
     * {@code (k0, k1)} and writes the four output words to {@code out[0..3]}.
     */
    public static void block(int c0, int c1, int c2, int c3, int k0, int k1, int[] out) {
        for (int round = 0; round < ROUNDS; round++) {
            if (round > 0) {
                k0 += W0;
                k1 += W1;
            }
            long p0 = (M0 & 0xFFFFFFFFL) * (c0 & 0xFFFFFFFFL);
            long p1 = (M1 & 0xFFFFFFFFL) * (c2 & 0xFFFFFFFFL);
            int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            int n1 = (int) p1;
            int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            int n3 = (int) p0;
            c0 = n0;
            c1 = n1;
            c2 = n2;
            c3 = n3;
        }
        out[0] = c0;
        out[1] = c1;
        out[2] = c2;
        out[3] = c3;
    }

    /**
     * Block {@code blockIndex} of the stream {@code (seed, stream)} as {@link Generator} lays it out:
     * key {@code (low32(seed), high32(seed))}, counter
     * {@code (low32(blockIndex), high32(blockIndex), low32(stream), high32(stream))}.
     */
    public static void block(long seed, long stream, long blockIndex, int[] out) {
        block((int) blockIndex, (int) (blockIndex >>> 32), (int) stream, (int) (stream >>> 32),
                (int) seed, (int) (seed >>> 32), out);
    }

    /** A uniform F32 draw in [0, 1): the top 24 bits of the word, {@code (w >>> 8) · 2^-24} (exact in float). */
    public static float uniformF32(int word) {
        return (float) ((word >>> 8) * TWO_POW_MINUS_24);
    }

    /** A uniform F64 draw in [0, 1): the whole unsigned word, {@code w · 2^-32}. */
    public static double uniformF64(int word) {
        return (word & 0xFFFFFFFFL) * TWO_POW_MINUS_32;
    }

    /**
     * One Box–Muller normal from a word pair: {@code u1 = (wEven + 1) · 2^-32} in (0, 1],
     * {@code u2 = wOdd · 2^-32}, {@code r = sqrt(−2 ln u1)}; returns {@code r·cos(2π u2)} for the
     * even element of the pair and {@code r·sin(2π u2)} for the odd one. Computed in double with
     * {@link StrictMath}, so the result does not depend on the JVM or the processor.
     */
    public static double normal(int wEven, int wOdd, boolean odd) {
        double u1 = ((wEven & 0xFFFFFFFFL) + 1) * TWO_POW_MINUS_32;
        double u2 = (wOdd & 0xFFFFFFFFL) * TWO_POW_MINUS_32;
        double r = StrictMath.sqrt(-2 * StrictMath.log(u1));
        double theta = 2 * Math.PI * u2;
        return odd ? r * StrictMath.sin(theta) : r * StrictMath.cos(theta);
    }
}
