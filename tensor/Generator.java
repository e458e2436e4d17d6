package tensor;

/**
 * A counter-based random stream: Philox 4x32-10 (Salmon et al., "Parallel Random Numbers: As Easy
 * as 1, 2, 3", SC 2011) keyed by {@code (seed, stream, counter)}. Its whole state is three numbers,
 * so a checkpoint stores them and a resumed run draws exactly what an unbroken run would have.
 *
 * <h2>How draws map to counters (every backend follows this bit for bit)</h2>
 * <ul>
 *   <li>Key: {@code k0 = low32(seed)}, {@code k1 = high32(seed)}.</li>
 *   <li>Block {@code j} (a 64-bit number) is the Philox counter
 *       {@code (low32(j), high32(j), low32(stream), high32(stream))}; it yields four 32-bit words.</li>
 *   <li>A draw of {@code n} elements starting at counter {@code c}: element {@code e} reads word
 *       {@code e mod 4} of block {@code c + e / 4}. The generator then advances by {@code ceil(n / 4)}.</li>
 *   <li>Uniform, F32: {@code (w >>> 8) · 2^-24}; F64: {@code w · 2^-32} (w unsigned). Both in [0, 1).</li>
 *   <li>Normal (Box–Muller, computed in double, then rounded): in each block, words
 *       {@code (w0, w1)} serve elements 0 and 1 and {@code (w2, w3)} elements 2 and 3;
 *       {@code u1 = (w_even + 1) · 2^-32}, {@code u2 = w_odd · 2^-32},
 *       {@code r = sqrt(−2 ln u1)}; the even element is {@code r·cos(2π u2)}, the odd one
 *       {@code r·sin(2π u2)}. I32 tensors cannot hold random draws.</li>
 * </ul>
 */
public final class Generator {
    private final long seed;
    private final long stream;
    private long counter;

    /** A stream positioned at its start. */
    public Generator(long seed) {
        this(seed, 0, 0);
    }

    /** A stream at an exact position, e.g. restored from a checkpoint. */
    public Generator(long seed, long stream, long counter) {
        this.seed = seed;
        this.stream = stream;
        this.counter = counter;
    }

    public long seed() {
        return seed;
    }

    public long stream() {
        return stream;
    }

    /** The next block to be used. */
    public synchronized long counter() {
        return counter;
    }

    /**
     * Reserves the blocks for a draw of {@code numel} elements and returns the first one.
     */
    public synchronized long reserve(int numel) {
        long start = counter;
        counter += (numel + 3L) / 4;
        return start;
    }

    /** An independent generator with the same seed on another stream, positioned at its start. */
    public Generator fork(long otherStream) {
        return new Generator(seed, otherStream, 0);
    }

    @Override
    public synchronized String toString() {
        return "Generator[seed=" + seed + ", stream=" + stream + ", counter=" + counter + "]";
    }
}
