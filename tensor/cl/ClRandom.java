package tensor.cl;

import tensor.DType;
import tensor.Tensor;

/**
 * Uniform and normal fills from Philox 4x32-10 ({@code random.cl}): one work-item per block of four
 * draws, following {@link tensor.Generator}'s mapping so that the bits equal the CPU backend's.
 * Uniforms are exact and so always bit-equal. Normals are computed in double; sqrt is correctly
 * rounded on both sides, but OpenCL's log/sin/cos may differ from StrictMath's by an ulp or two,
 * so F64 normals can differ in the last bits and an F32 normal only when that ulp crosses a float
 * rounding boundary (about one draw in 10^8).
 */
final class ClRandom {
    private ClRandom() {}

    static void uniform(ClBackend cl, Tensor out, long seed, long stream, long counter) {
        fill(cl, out, "", seed, stream, counter);
    }

    static void normal(ClBackend cl, Tensor out, long seed, long stream, long counter) {
        fill(cl, out, " -DNORMAL", seed, stream, counter);
    }

    private static void fill(ClBackend cl, Tensor out, String kind, long seed, long stream, long counter) {
        int n = out.numel();
        String options = ClBackend.typeOptions(out.dtype()) + " -DIS_DOUBLE=" + (out.dtype() == DType.F64 ? 1 : 0) + kind;
        cl.kernel("random.cl", "random_fill", options).launch1d((n + 3) / 4, out, n, seed, stream, counter);
    }
}
