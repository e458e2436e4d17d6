package video.vidicl.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import video.data.Clip;

class FidelityTest {

    private static Clip random(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] data = new float[3 * 2 * 12 * 13];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) rng.nextDouble();
        }
        return new Clip(3, 2, 12, 13, data);
    }

    @Test
    void psnrIsTenLogOfOneOverTheMeanSquaredError() {
        Clip a = random(1);
        float[] shifted = a.data().clone();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] += 0.1f;
        }
        assertEquals(20.0, Fidelity.psnr(new Clip(3, 2, 12, 13, shifted), a), 1e-4);
        assertEquals(Fidelity.MAX_DB, Fidelity.psnr(a, a));
    }

    @Test
    void ssimIsOneForIdenticalClipsAndFallsWithNoise() {
        Clip a = random(2);
        assertEquals(1.0, Fidelity.ssim(a, a), 1e-12);
        assertTrue(Fidelity.ssim(a, random(3)) < 0.1);
    }

    @Test
    void ssimOfAConstantFrameAgainstAnotherConstantFollowsTheLuminanceTerm() {
        // no variance: SSIM = (2·x·y + C1) / (x² + y² + C1) at every window
        float[] x = new float[3 * 11 * 11];
        float[] y = new float[3 * 11 * 11];
        Arrays.fill(x, 0.2f);
        Arrays.fill(y, 0.6f);
        double c1 = 1e-4;
        double expected = (2 * 0.2f * 0.6f + c1) / (0.2f * 0.2f + 0.6f * 0.6f + c1);
        assertEquals(expected, Fidelity.ssim(new Clip(3, 1, 11, 11, x), new Clip(3, 1, 11, 11, y)), 1e-6);
    }

    @Test
    void framesSmallerThanTheWindowAreRefused() {
        Clip small = Clip.zeros(3, 1, 10, 12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fidelity.ssim(small, small));
        assertTrue(e.getMessage().contains("at least 11×11"), e.getMessage());
    }
}
