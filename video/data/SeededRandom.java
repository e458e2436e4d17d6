package video.data;

import java.util.SplittableRandom;

/**
 * Independent random streams addressed by {@code (seed, stream, index)}: a {@link SplittableRandom}
 * seeded by SplitMix64's finaliser (Steele, Lea, Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014) applied to the three numbers, so nearby indices give unrelated streams
 * and any item can be regenerated alone, in any order.
 */
final class SeededRandom {
    private SeededRandom() {
    }

    static SplittableRandom of(long seed, long stream, long index) {
        return new SplittableRandom(mix(mix(seed ^ mix(stream)) + index));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
