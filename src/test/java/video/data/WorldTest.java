package video.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorldTest {
    private static final WorldConfig SMALL = WorldConfig.defaults(32).withFrames(8, 3);

    @Test
    void measuredDirectionOfGeneratedClipsEqualsTheRule() {
        World world = new World(SMALL, 2024);
        int agree = 0, clips = 200;
        Set<MotionRule> seen = new HashSet<>();
        for (int i = 0; i < clips; i++) {
            WorldVideo v = world.video(i);
            seen.add(v.rule());
            Motion m = Motion.measure(v.segment(i % SMALL.segmentsPerVideo()), v.rule().family());
            if (m.agreesWith(v.rule()) && Math.abs(m.dx() - v.rule().imageDx()) < 1e-9
                    && Math.abs(m.dy() - v.rule().imageDy()) < 1e-9) {
                agree++;
            }
        }
        assertTrue(agree >= 0.99 * clips, "measured motion matched the rule in " + agree + " of " + clips + " clips");
        assertTrue(seen.size() >= 28, "200 videos should cover most of the 32 rules, saw " + seen.size());
    }

    @Test
    void aSeedReproducesItsVideosExactly() {
        World a = new World(SMALL, 99), b = new World(SMALL, 99), other = new World(SMALL, 100);
        for (int i : new int[] {0, 1, 17}) {
            assertEquals(a.video(i), b.video(i));
            assertEquals(a.video(i).clip(), a.video(i).clip(), "random access must not depend on call order");
        }
        assertNotEquals(a.video(0).clip(), other.video(0).clip());
        assertNotEquals(a.video(0).clip(), a.video(1).clip());
    }

    @Test
    void segmentsShareTheRuleButNotTheScene() {
        World world = new World(SMALL, 5);
        for (int i = 0; i < 20; i++) {
            WorldVideo v = world.video(i);
            assertEquals(SMALL.segmentsPerVideo(), v.scenes().size());
            assertEquals(SMALL.framesPerVideo(), v.clip().frames());
            assertEquals(new HashSet<>(v.scenes()).size(), v.scenes().size(), "video " + i + " repeats a scene");
            for (int s = 0; s < v.scenes().size(); s++) {
                Clip segment = v.segment(s);
                assertEquals(world.renderSegment(v.scenes().get(s), v.rule()), segment);
                assertTrue(Motion.measure(segment, v.rule().family()).agreesWith(v.rule()),
                        "video " + i + " segment " + s + " does not show " + v.rule());
                if (s > 0) {
                    assertNotEquals(v.segment(s - 1).frames(0, 1), segment.frames(0, 1));
                }
            }
        }
    }

    @Test
    void movingObjectsStayWhollyInsideTheViewForTheSegment() {
        World world = new World(SMALL.withFamilies(MotionFamily.OBJECT_MOTION), 8);
        int span = SMALL.framesPerSegment() - 1;
        for (int i = 0; i < 50; i++) {
            WorldVideo v = world.video(i);
            for (Scene scene : v.scenes()) {
                for (SceneObject o : scene.objects()) {
                    for (int t : new int[] {0, span}) {
                        int x = o.x() + t * v.rule().imageDx(), y = o.y() + t * v.rule().imageDy();
                        assertTrue(x >= 0 && y >= 0 && x + o.size() <= SMALL.width() && y + o.size() <= SMALL.height(),
                                o + " leaves the view at frame " + t + " under " + v.rule());
                    }
                }
            }
        }
    }

    @Test
    void anyDirectionSpawnLaysOutTheSameSceneForEveryDirectionAndKeepsItInView() {
        WorldConfig config = WorldConfig.defaults(32).withFrames(4, 2).withSpawn(Spawn.ANY_DIRECTION);
        World world = new World(config, 8);
        int reach = (config.framesPerSegment() - 1) * config.maxSpeed();
        for (int i = 0; i < 30; i++) {
            MotionRule first = new MotionRule(MotionFamily.OBJECT_MOTION, 0, config.maxSpeed());
            Scene scene = world.randomScene(SeededRandom.of(5, 0, i), first);
            for (int d = 1; d < Compass.DIRECTIONS; d++) {
                MotionRule rule = new MotionRule(MotionFamily.OBJECT_MOTION, d, config.maxSpeed());
                assertEquals(scene, world.randomScene(SeededRandom.of(5, 0, i), rule),
                        "the layout must not depend on the direction (" + rule + ")");
            }
            for (SceneObject o : scene.objects()) {
                assertTrue(o.x() >= reach && o.y() >= reach && o.x() + o.size() + reach <= config.width()
                        && o.y() + o.size() + reach <= config.height(), o + " can leave the view in some direction");
            }
        }
        var tooSmall = assertThrows(IllegalArgumentException.class,
                () -> WorldConfig.defaults(32).withSpawn(Spawn.ANY_DIRECTION));
        assertTrue(tooSmall.getMessage().contains("in any direction needs 36 px"), tooSmall.getMessage());
    }

    @Test
    void panningMovesTheTextureWhileObjectMotionLeavesItStill() {
        World pan = new World(SMALL.withFamilies(MotionFamily.CAMERA_PAN), 3);
        World objects = new World(SMALL.withFamilies(MotionFamily.OBJECT_MOTION), 3);
        for (int i = 0; i < 10; i++) {
            WorldVideo p = pan.video(i), o = objects.video(i);
            Clip panTexture = backdropOnly(pan, p);
            Motion shift = ShiftSearch.measure(panTexture, Motion.DEFAULT_MAX_SHIFT);
            assertEquals(p.rule().imageDx(), shift.dx(), 1e-9, "texture of " + p.rule());
            assertEquals(p.rule().imageDy(), shift.dy(), 1e-9, "texture of " + p.rule());
            Clip stillTexture = backdropOnly(objects, o);
            for (int t = 1; t < stillTexture.frames(); t++) {
                assertEquals(stillTexture.frames(0, 1), stillTexture.frames(t, t + 1), "texture moved under " + o.rule());
            }
        }
    }

    private static Clip backdropOnly(World world, WorldVideo v) {
        Scene s = v.scenes().get(0);
        return world.renderSegment(new Scene(s.background(), s.backdrop(), java.util.List.of()), v.rule());
    }

    @Test
    void impossibleConfigurationsAreRejectedWithTheReason() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> WorldConfig.defaults(16).withFrames(12, 2));
        assertTrue(e.getMessage().contains("more than the 16×16 view"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WorldConfig.defaults(32).withFrames(1, 2));
    }
}
