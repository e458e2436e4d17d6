package tensor.cl;

import tensor.DType;
import tensor.Tensor;

/**
 * Uniform and normal fills from Philox 4x32-10 ({@code random.cl}): one work-item per block of four
 * draws, following {@link tensor.Generator}'s mapping so that the bits equal the CPU backend's.
 * Uniforms are exact and so always bit-equal. Normals are computed in double with ports of
 * StrictMath's log, sin and cos (fdlibm), so F32 and F64 normals are bit-equal too; a device
 * without fp64 computes them in float with its own log/sin/cos (close, not bit-equal).
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
