package video.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MotionTest {

    @Test
    void compassClassifiesEachKingMoveAsItsDirection() {
        for (int k = 0; k < Compass.DIRECTIONS; k++) {
            assertEquals(k, Compass.classify(Compass.ux(k), Compass.uy(k)));
            assertEquals(k, Compass.classify(3.2 * Compass.ux(k) + 0.3, 3.2 * Compass.uy(k) - 0.2));
            assertEquals((k + 4) % 8, Compass.opposite(k));
        }
        assertEquals(2, Compass.classify(0, -1), "y grows downwards, so negative dy is up");
    }

    @Test
    void shiftSearchFindsAKnownTranslationOfNoise() {
        int size = 24, sx = -3, sy = 2;
        SplittableRandom rng = new SplittableRandom(1);
        float[][] world = new float[3][(size + 20) * (size + 20)];
        for (float[] channel : world) {
            for (int i = 0; i < channel.length; i++) {
                channel[i] = (float) rng.nextDouble();
            }
        }
        Clip clip = Clip.zeros(3, 3, size, size);
        for (int t = 0; t < 3; t++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        int wx = x - t * sx + 10, wy = y - t * sy + 10;
                        clip.data()[clip.index(c, t, y, x)] = world[c][wy * (size + 20) + wx];
                    }
                }
            }
        }
        Motion m = ShiftSearch.measure(clip, 4);
        assertEquals(sx, m.dx(), 1e-12);
        assertEquals(sy, m.dy(), 1e-12);
        assertEquals(2, m.pairs());
    }

    @Test
    void centroidTrackerFollowsOneSquareAndIgnoresTexture() {
        Scene scene = new Scene(Rgb.hex(0x101010),
                java.util.List.of(new Speck(3, 3, Rgb.hex(0x101010).brighter(0.09f))),
                java.util.List.of(new SceneObject(ShapeKind.CIRCLE, Rgb.hex(0xffe119), 5, 10, 12)));
        MotionRule rule = new MotionRule(MotionFamily.OBJECT_MOTION, 7, 2);
        Clip clip = new Renderer(32, 32).render(scene, rule, 0, 5);
        Motion m = CentroidTracker.measure(clip);
        assertEquals(2, m.dx(), 1e-12);
        assertEquals(2, m.dy(), 1e-12);
        assertEquals(7, m.direction());
    }

    @Test
    void aStillClipShowsNoRule() {
        Clip grey = Clip.zeros(3, 4, 16, 16);
        Motion m = CentroidTracker.measure(grey);
        assertEquals(0, m.pairs());
        assertEquals(false, m.agreesWith(new MotionRule(MotionFamily.OBJECT_MOTION, 0, 1)));
    }
}
