package video.vidicl.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import video.data.Motion;

class ConfusionTest {
    private static final int RIGHT = 0;
    private static final int UP_RIGHT = 1;
    private static final int DOWN_RIGHT = 7;
    private static final int LEFT = 4;

    /** Two pixels a frame to the right, up-right, down-right, left (y grows downwards); a stand-still. */
    private static final Motion TO_RIGHT = new Motion(2, 0, 2);
    private static final Motion TO_UP_RIGHT = new Motion(2, -2, 2);
    private static final Motion TO_DOWN_RIGHT = new Motion(2, 2, 2);
    private static final Motion TO_LEFT = new Motion(-2, 0, 2);
    private static final Motion STILL = new Motion(0.1, 0, 2);

    @Test
    void countsEachMeasurementInItsCellAndDerivesTheMisses() {
        Confusion c = Confusion.NONE.plus(RIGHT, TO_RIGHT).plus(RIGHT, TO_UP_RIGHT).plus(RIGHT, TO_DOWN_RIGHT)
                .plus(RIGHT, TO_LEFT).plus(RIGHT, STILL).plus(UP_RIGHT, TO_UP_RIGHT);
        assertEquals(1, c.count(RIGHT, RIGHT));
        assertEquals(1, c.count(RIGHT, UP_RIGHT));
        assertEquals(1, c.count(RIGHT, DOWN_RIGHT));
        assertEquals(1, c.count(RIGHT, LEFT));
        assertEquals(1, c.count(RIGHT, Confusion.STILL));
        assertEquals(1, c.count(UP_RIGHT, UP_RIGHT));
        assertEquals(new Misses(1, 2, 1), c.misses(), "down-right and up-right are 45° off right, left is 180°");
        assertEquals("{\"right\": {\"right\": 1, \"up-right\": 1, \"left\": 1, \"down-right\": 1, \"still\": 1}, "
                + "\"up-right\": {\"up-right\": 1}}", c.toJson());
    }

    @Test
    void addingACountLeavesTheOperandAlone() {
        Confusion a = Confusion.NONE.plus(LEFT, TO_LEFT);
        Confusion b = a.plus(LEFT, TO_LEFT).plus(RIGHT, STILL);
        assertEquals(2, b.count(LEFT, LEFT));
        assertEquals(1, b.count(RIGHT, Confusion.STILL));
        assertEquals(1, a.count(LEFT, LEFT));
        assertEquals(0, a.count(RIGHT, Confusion.STILL));
        assertEquals(Confusion.NONE.plus(LEFT, TO_LEFT), a);
        assertEquals("{}", Confusion.NONE.toJson());
    }

    @Test
    void aCellOutsideTheMatrixIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Confusion.NONE.count(8, 0));
        assertEquals("Confusion: no cell (8, 0)", e.getMessage());
    }
}
