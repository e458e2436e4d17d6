package video.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import tensor.ShapeException;
import tensor.Tensor;

class PsnrTest {
    @Test
    void isTenLog10OfOneOverTheMseAveragedOverClips() {
        // clip 0 off by 0.1 everywhere (MSE 0.01, 20 dB), clip 1 off by 0.01 (MSE 1e-4, 40 dB)
        float[] x = new float[2 * 3 * 2 * 4 * 4];
        float[] y = new float[x.length];
        int half = x.length / 2;
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.5f;
            y[i] = i < half ? 0.6f : 0.51f;
        }
        double psnr = Psnr.of(Tensor.of(x, 2, 3, 2, 4, 4), Tensor.of(y, 2, 3, 2, 4, 4));
        assertEquals((20 + 40) / 2.0, psnr, 1e-4);
    }

    @Test
    void identicalClipsAreInfinitelyClose() {
        Tensor x = Tensor.full(0.3, tensor.DType.F32, 1, 3, 1, 4, 4);
        assertEquals(Double.POSITIVE_INFINITY, Psnr.of(x, x));
    }

    @Test
    void mismatchedShapesAreRejected() {
        ShapeException e = assertThrows(ShapeException.class, () -> Psnr.of(Tensor.zeros(1, 3, 1, 4, 4), Tensor.zeros(1, 3, 1, 4, 5)));
        assertEquals(true, e.getMessage().contains("Psnr"));
    }
}
