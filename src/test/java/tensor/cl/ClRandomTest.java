package tensor.cl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import tensor.Backend;
import tensor.DType;
import tensor.Devices;
import tensor.Shape;
import tensor.Tensor;

/** Philox fills on the device against the CPU backend, bit for bit, uniforms and normals, F32 and F64. */
class ClRandomTest {
    private final ClBackend cl = OpenCl.backend();
    private static final long SEED = 0x1234_5678_9abc_def0L;
    private static final long STREAM = 0xfeed_0000_0001L;
    private static final long COUNTER = (1L << 32) - 3; // crosses the low word of the block counter

    private static Tensor draw(Backend b, DType dtype, boolean normal, int n) {
        Tensor t = Tensor.empty(b, dtype, Shape.of(n));
        if (normal) {
            b.randomNormal(t, SEED, STREAM, COUNTER);
        } else {
            b.randomUniform(t, SEED, STREAM, COUNTER);
        }
        return t;
    }

    private static double[] read(Tensor t) {
        if (t.dtype() == DType.F64) {
            double[] d = new double[t.numel()];
            t.backend().read(t.storage(), 0, d);
            return d;
        }
        float[] f = new float[t.numel()];
        t.backend().read(t.storage(), 0, f);
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    @Test
    void uniformIsBitEqualToTheCpu() {
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            int n = 100_003; // not a multiple of 4: the last block is partly used
            assertArrayEquals(read(draw(Devices.cpu(), dtype, false, n)), read(draw(cl, dtype, false, n)), 0.0,
                    "uniform " + dtype);
        }
    }

    @Test
    void normalF32IsBitEqualToTheCpu() {
        int n = 100_001;
        assertArrayEquals(read(draw(Devices.cpu(), DType.F32, true, n)), read(draw(cl, DType.F32, true, n)), 0.0);
    }

    @Test
    void normalF64IsBitEqualToTheCpu() {
        int n = 200_001;
        assertArrayEquals(read(draw(Devices.cpu(), DType.F64, true, n)), read(draw(cl, DType.F64, true, n)), 0.0);
    }
}
