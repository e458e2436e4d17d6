package nn.quant;

import nn.Buffer;
import tensor.Tensor;

/**
 * A {@code long} kept in a persistent {@link Buffer} so that it travels with the state dict (a
 * quantizer's step, a random stream's position): I32 {@code [2]}, the low then the high 32 bits.
 * I32 because a float buffer would round counters above 2²⁴ and is cast by {@code Module.to(dtype)}.
 */
final class SavedCounter {
    private SavedCounter() {}

    /** The buffer's initial value for {@code value}. */
    static Tensor of(long value) {
        return Tensor.of(new int[] {(int) value, (int) (value >>> 32)}, 2);
    }

    static long read(Buffer buffer) {
        int[] halves = buffer.value().toIntArray();
        return (halves[0] & 0xFFFF_FFFFL) | ((long) halves[1] << 32);
    }

    static void write(Buffer buffer, long value) {
        try (Tensor t = of(value)) {
            buffer.set(t);
        }
    }
}
