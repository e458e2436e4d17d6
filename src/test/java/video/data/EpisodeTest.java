package video.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EpisodeTest {
    private static final WorldConfig CONFIG = WorldConfig.defaults(32).withFrames(8, 3);
    private static final World WORLD = new World(CONFIG, 11);

    @Test
    void promptAndContinuationMakeTheQuerySegment() {
        MotionRule rule = new MotionRule(MotionFamily.OBJECT_MOTION, 3, 2);
        Episode e = WORLD.episode(4, rule, DemoKind.SAME, 2, 2);
        assertEquals(2, e.prompt().frames());
        assertEquals(6, e.continuation().frames());
        assertEquals(WORLD.renderSegment(e.query(), rule), Clip.concatFrames(List.of(e.prompt(), e.continuation())));
        assertEquals(WORLD.render(e.query(), rule, 2, 8), e.continuation());
        assertEquals(2 * 8 + 2, e.context().frames());
        assertTrue(Motion.measure(e.continuation(), rule.family()).agreesWith(rule));
    }

    @Test
    void demonstrationsFollowTheirKindsRuleAndTheQueryIsShared() {
        for (MotionRule rule : List.of(new MotionRule(MotionFamily.OBJECT_MOTION, 0, 1),
                new MotionRule(MotionFamily.CAMERA_PAN, 5, 2))) {
            Episode same = WORLD.episode(9, rule, DemoKind.SAME, 2, 1);
            Episode none = WORLD.episode(9, rule, DemoKind.NONE, 0, 1);
            Episode random = WORLD.episode(9, rule, DemoKind.RANDOM, 2, 1);
            Episode opposite = WORLD.episode(9, rule, DemoKind.OPPOSITE, 2, 1);
            for (Episode e : List.of(same, none, random, opposite)) {
                assertEquals(rule, e.rule());
                assertEquals(same.query(), e.query());
                assertEquals(same.continuation(), e.continuation());
                for (Clip demo : e.demos()) {
                    assertTrue(Motion.measure(demo, e.demoRule().family()).agreesWith(e.demoRule()),
                            e.kind() + " demo does not show " + e.demoRule());
                }
            }
            assertEquals(rule, same.demoRule());
            assertTrue(none.demos().isEmpty());
            assertEquals(rule.opposite(), opposite.demoRule());
            assertEquals(Compass.opposite(rule.direction()), opposite.demoRule().direction());
            assertNotEquals(rule, random.demoRule());
            assertEquals(2, random.demos().size());
        }
    }

    @Test
    void badEpisodeArgumentsAreRejected() {
        MotionRule rule = new MotionRule(MotionFamily.OBJECT_MOTION, 0, 1);
        assertThrows(IllegalArgumentException.class, () -> WORLD.episode(0, rule, DemoKind.SAME, 1, 8));
        assertThrows(IllegalArgumentException.class, () -> WORLD.episode(0, rule, DemoKind.OPPOSITE, 0, 1));
    }
}
