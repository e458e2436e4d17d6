package tensor;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class CreationTest {
    private static final Backend CPU = Devices.cpu();

    @Test
    void ofKeepsValuesShapeAndDtype() {
        Tensor f = Creation.of(CPU, new float[] {1, 2, 3, 4, 5, 6}, Shape.of(2, 3));
        assertEquals(Shape.of(2, 3), f.shape());
        assertEquals(DType.F32, f.dtype());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, f.toFloatArray());
        assertTrue(f.isContiguous());

        Tensor d = Creation.of(CPU, new double[] {0.1, -2.5}, Shape.of(2));
        assertEquals(DType.F64, d.dtype());
        assertArrayEquals(new double[] {0.1, -2.5}, d.toDoubleArray());

        Tensor i = Creation.of(CPU, new int[] {7}, Shape.scalar());
        assertEquals(DType.I32, i.dtype());
        assertEquals(0, i.rank());
        assertArrayEquals(new int[] {7}, i.toIntArray());
        assertEquals(7.0, i.item());
    }

    @Test
    void ofRejectsWrongLength() {
        var e = assertThrows(ShapeException.class, () -> Creation.of(CPU, new float[5], Shape.of(2, 3)));
        assertEquals("of: data has 5 elements but shape [2, 3] needs 6", e.getMessage());
        assertThrows(ShapeException.class, () -> Creation.of(CPU, new double[1], Shape.of(0)));
        assertThrows(ShapeException.class, () -> Creation.of(CPU, new int[0], Shape.scalar()));
    }

    @Test
    void emptyTensorsHaveNoElements() {
        Tensor t = Creation.of(CPU, new float[0], Shape.of(3, 0));
        assertEquals(0, t.numel());
        assertEquals(0, t.toFloatArray().length);
        assertEquals(0, Creation.full(CPU, 4, DType.I32, Shape.of(0, 5)).toIntArray().length);
    }

    @Test
    void fullConvertsToTheDtype() {
        assertArrayEquals(new float[] {2.5f, 2.5f, 2.5f}, Creation.full(CPU, 2.5, DType.F32, Shape.of(3)).toFloatArray());
        assertArrayEquals(new double[] {0.1, 0.1}, Creation.full(CPU, 0.1, DType.F64, Shape.of(1, 2)).toDoubleArray());
        assertArrayEquals(new int[] {-2, -2}, Creation.full(CPU, -2.9, DType.I32, Shape.of(2)).toIntArray());
        assertEquals(Double.NaN, Creation.full(CPU, Double.NaN, DType.F32, Shape.scalar()).item());
        assertEquals(0.0, Tensor.zeros(2, 2).toDoubleArray()[3]);
        assertEquals(1.0, Tensor.ones(DType.F64, 3).toDoubleArray()[2]);
    }

    @Test
    void arangeFollowsNumpy() {
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, Tensor.arange(5).toIntArray());
        // np.arange(1, 2, 0.3) -> [1.0, 1.3, 1.6, 1.9]
        double[] a = Creation.arange(CPU, 1, 2, 0.3, DType.F64).toDoubleArray();
        assertEquals(4, a.length);
        for (int i = 0; i < 4; i++) {
            assertEquals(1 + 0.3 * i, a[i], 0);
        }
        // descending
        assertArrayEquals(new float[] {5, 3, 1}, Creation.arange(CPU, 5, 0, -2, DType.F32).toFloatArray());
        // empty when the range points the other way
        assertEquals(0, Creation.arange(CPU, 5, 0, 1, DType.F32).numel());
        assertEquals(0, Creation.arange(CPU, 3, 3, 1, DType.I32).numel());
        // ceil((10 - 0) / 3) = 4
        assertArrayEquals(new int[] {0, 3, 6, 9}, Creation.arange(CPU, 0, 10, 3, DType.I32).toIntArray());
    }

    @Test
    void arangeRejectsZeroOrNonFiniteStep() {
        var e = assertThrows(ShapeException.class, () -> Creation.arange(CPU, 0, 5, 0, DType.F32));
        assertEquals("arange: needs finite start, end and a non-zero step, got start 0.0, end 5.0, step 0.0",
                e.getMessage());
        assertThrows(ShapeException.class, () -> Creation.arange(CPU, 0, Double.POSITIVE_INFINITY, 1, DType.F32));
        assertThrows(ShapeException.class, () -> Creation.arange(CPU, 0, 1, Double.NaN, DType.F32));
        var big = assertThrows(ShapeException.class, () -> Creation.arange(CPU, 0, 1e10, 1, DType.F32));
        assertTrue(big.getMessage().startsWith("arange: "), big.getMessage());
    }

    @Test
    void eyeIsTheIdentity() {
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, Tensor.eye(3).toFloatArray());
        assertArrayEquals(new int[] {1, 0, 0, 1}, Tensor.eye(2, DType.I32).toIntArray());
        assertArrayEquals(new double[] {1}, Tensor.eye(1, DType.F64).toDoubleArray());
        assertEquals(Shape.of(0, 0), Tensor.eye(0).shape());
        var e = assertThrows(ShapeException.class, () -> Tensor.eye(-1));
        assertEquals("eye: size must be non-negative, got -1", e.getMessage());
    }

    @Test
    void randomDrawsRejectIntegersAndAdvanceTheGenerator() {
        Generator g = new Generator(7);
        var e = assertThrows(ShapeException.class, () -> Tensor.rand(g, DType.I32, 2, 3));
        assertEquals("rand: random draws need a floating dtype (F32 or F64), got I32 for shape [2, 3]", e.getMessage());
        var n = assertThrows(ShapeException.class, () -> Tensor.randn(g, DType.I32, 4));
        assertTrue(n.getMessage().startsWith("randn: "), n.getMessage());
        assertEquals(0, g.counter(), "a rejected draw reserves nothing");
    }

    @Test
    void readsWidenButNeverNarrow() {
        Tensor f = Creation.of(CPU, new float[] {0.1f, -3}, Shape.of(2));
        assertArrayEquals(new double[] {0.1f, -3}, f.toDoubleArray());
        Tensor i = Creation.of(CPU, new int[] {Integer.MAX_VALUE, -1}, Shape.of(2));
        assertArrayEquals(new double[] {Integer.MAX_VALUE, -1}, i.toDoubleArray());

        var e = assertThrows(ShapeException.class, i::toFloatArray);
        assertEquals("toFloatArray: tensor [2] is I32, not F32; convert it first with .to(DType.F32)"
                + " or read it with toDoubleArray()", e.getMessage());
        Tensor d = Creation.of(CPU, new double[] {1}, Shape.of(1));
        assertThrows(ShapeException.class, d::toFloatArray);
        var ints = assertThrows(ShapeException.class, f::toIntArray);
        assertEquals("toIntArray: tensor [2] is F32, not I32; convert it first with .to(DType.I32)", ints.getMessage());
    }

    @Test
    void readsAContiguousViewAtItsOffset() {
        Tensor t = Creation.of(CPU, new float[] {1, 2, 3, 4, 5, 6}, Shape.of(2, 3));
        try (Tensor row = t.view(Shape.of(3), new int[] {1}, 3)) {
            assertArrayEquals(new float[] {4, 5, 6}, row.toFloatArray());
            assertArrayEquals(new double[] {4, 5, 6}, row.toDoubleArray());
        }
    }

    @Test
    void closedTensorsCannotBeRead() {
        Tensor t = Creation.of(CPU, new float[] {1}, Shape.of(1));
        t.close();
        var e = assertThrows(IllegalStateException.class, t::toFloatArray);
        assertTrue(e.getMessage().startsWith("toFloatArray: tensor [1] was closed"), e.getMessage());
        assertThrows(IllegalStateException.class, t::toDoubleArray);
        assertThrows(IllegalStateException.class, () -> t.to(CPU));
    }

    @Test
    void transferCopiesToAnotherBackend() {
        Tensor t = Creation.of(CPU, new int[] {1, 2, 3}, Shape.of(3, 1));
        Tensor u = t.to(CPU);
        assertNotSame(t.storage(), u.storage());
        assertEquals(t.shape(), u.shape());
        assertArrayEquals(new int[] {1, 2, 3}, u.toIntArray());
        Tensor f = Creation.of(CPU, new double[] {1.5, 2.5}, Shape.of(2)).to(CPU);
        assertArrayEquals(new double[] {1.5, 2.5}, f.toDoubleArray());
    }
}
