package tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class ShapingTest {
    private final Random rnd = new Random(42);

    // ---- helpers -------------------------------------------------------------------------

    /** A random F64 input: sometimes contiguous, sometimes a permuted, gapped, reversed view. */
    private Tensor randomInput(int[] dims) {
        return rnd.nextBoolean() ? Views.random(rnd, DType.F64, dims) : Views.randomLayout(rnd, DType.F64, dims, false);
    }

    /** Checks shape and every element of {@code t} against {@code expected(index)}. */
    private static void assertValues(Tensor t, int[] dims, ToDoubleFunction<int[]> expected) {
        assertArrayEquals(dims, t.shape().dims(), "shape");
        for (int i = 0; i < t.numel(); i++) {
            int[] idx = Views.unflatten(i, dims);
            assertEquals(expected.applyAsDouble(idx), Views.at(t, idx), () -> "at " + Arrays.toString(idx));
        }
    }

    private static void assertShapeError(String fragment, Runnable op) {
        ShapeException e = assertThrows(ShapeException.class, op::run);
        assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' lacks '" + fragment + "'");
    }

    private static int[] with(int[] a, int axis, int value) {
        int[] out = a.clone();
        out[axis] = value;
        return out;
    }

    // ---- reshape, squeeze, unsqueeze, expand, contiguous --------------------------------

    @Test
    void reshapeOfContiguousDataIsAView() {
        Tensor x = Views.random(rnd, DType.F32, 2, 3, 4);
        Tensor r = x.reshape(4, -1);
        assertSame(x.storage(), r.storage());
        assertArrayEquals(new int[] {4, 6}, r.shape().dims());
        assertArrayEquals(Views.values(x), Views.values(r));
        assertArrayEquals(new int[] {24}, x.flatten().shape().dims());
        assertArrayEquals(new int[] {0, 3}, Views.empty(DType.F32, 3, 0).reshape(0, 3).shape().dims());
        assertArrayEquals(new int[0], Views.empty(DType.F32, 1, 1).reshape().shape().dims());
    }

    @Test
    void reshapeOfStridedDataCopiesInRowMajorOrder() {
        for (int c = 0; c < 100; c++) {
            int[] dims = Views.randomDims(rnd, 1, 4);
            Tensor x = Views.randomLayout(rnd, DType.F64, dims, true);
            Tensor r = x.reshape(-1);
            assertArrayEquals(Views.values(x), Views.values(r));
            if (!x.isContiguous()) {
                assertNotSame(x.storage(), r.storage());
            }
        }
    }

    @Test
    void reshapeErrorsNameBothShapesAndCounts() {
        Tensor x = Views.empty(DType.F32, 2, 3);
        assertShapeError("cannot reshape [2, 3] (6 elements) into [4, 2] (8 elements)", () -> x.reshape(4, 2));
        assertShapeError("only one size may be -1", () -> x.reshape(-1, -1));
        assertShapeError("negative size -2", () -> x.reshape(-2, 3));
        assertShapeError("cannot reshape [2, 3] (6 elements) into [4, -1]", () -> x.reshape(4, -1));
        assertShapeError("cannot reshape [3, 0] (0 elements) into [0, -1]",
                () -> Views.empty(DType.F32, 3, 0).reshape(0, -1));
    }

    @Test
    void squeezeAndUnsqueezeAreViewsEvenOfStridedData() {
        Tensor x = Views.randomLayout(rnd, DType.F32, new int[] {3, 1, 4}, true);
        Tensor s = x.squeeze(1);
        assertSame(x.storage(), s.storage());
        assertValues(s, new int[] {3, 4}, i -> Views.at(x, i[0], 0, i[1]));
        Tensor u = s.unsqueeze(-1);
        assertValues(u, new int[] {3, 4, 1}, i -> Views.at(x, i[0], 0, i[1]));
        Tensor u0 = s.unsqueeze(0);
        assertSame(x.storage(), u0.storage());
        assertValues(u0, new int[] {1, 3, 4}, i -> Views.at(x, i[1], 0, i[2]));
        Tensor c = Views.random(rnd, DType.F32, 2, 3).unsqueeze(1);
        assertTrue(c.isContiguous());
        assertShapeError("axis 0 of shape [3, 1, 4] has size 3, not 1", () -> x.squeeze(0));
        assertShapeError("axis 3 is out of range", () -> x.squeeze(3));
        assertShapeError("axis 4 is out of range for inserting into shape [3, 1, 4]", () -> x.unsqueeze(4));
        assertArrayEquals(new int[] {3, 1, 4, 1}, x.unsqueeze(3).shape().dims());
        assertArrayEquals(new int[] {1, 3, 1, 4}, x.unsqueeze(-4).shape().dims());
    }

    @Test
    void expandIsAStrideZeroView() {
        Tensor x = Views.random(rnd, DType.F32, 3, 1);
        Tensor e = x.expand(2, -1, 5);
        assertSame(x.storage(), e.storage());
        assertArrayEquals(new int[] {0, 1, 0}, e.strides());
        assertValues(e, new int[] {2, 3, 5}, i -> Views.at(x, i[1], 0));
        assertArrayEquals(new int[] {3, 0}, x.expand(3, 0).shape().dims());
        assertShapeError("cannot expand [3, 1] to [4, 2]: axis 0 has size 3, which is neither 4 nor 1",
                () -> x.expand(4, 2));
        assertShapeError("the target has fewer axes", () -> x.expand(3));
        assertShapeError("-1 is not allowed for a new axis", () -> x.expand(-1, 3, 1));
        assertShapeError("size -2 at axis 1 of [3, -2] is invalid for [3, 1]", () -> x.expand(3, -2));
    }

    @Test
    void contiguousReturnsTheTensorItselfOrACopy() {
        Tensor x = Views.random(rnd, DType.F32, 2, 3);
        assertSame(x, x.contiguous());
        Tensor e = Views.random(rnd, DType.F32, 1, 3).expand(4, 3);
        Tensor c = e.contiguous();
        assertTrue(c.isContiguous());
        assertNotSame(e.storage(), c.storage());
        assertArrayEquals(Views.values(e), Views.values(c));
    }

    // ---- permute, transpose, slice, flip ------------------------------------------------

    @Test
    void permuteMatchesIndexArithmeticAndCopies() {
        for (int c = 0; c < 100; c++) {
            int[] dims = Views.randomDims(rnd, 1, 4);
            Tensor x = randomInput(dims);
            int r = dims.length;
            int[] order = Views.permutation(rnd, r);
            int[] outDims = new int[r];
            for (int a = 0; a < r; a++) {
                outDims[a] = dims[order[a]];
            }
            Tensor p = x.permute(order);
            assertTrue(p.isContiguous() || p.numel() == 0);
            assertNotSame(x.storage(), p.storage());
            assertValues(p, outDims, i -> {
                int[] src = new int[r];
                for (int a = 0; a < r; a++) {
                    src[order[a]] = i[a];
                }
                return Views.at(x, src);
            });
        }
    }

    @Test
    void transposeSwapsTwoAxesWithNegativeAxes() {
        Tensor x = randomInput(new int[] {2, 3, 4});
        assertValues(x.transpose(0, -1), new int[] {4, 3, 2}, i -> Views.at(x, i[2], i[1], i[0]));
        assertShapeError("[0, 0, 1] is not a permutation of the 3 axes of shape [2, 3, 4]", () -> x.permute(0, 0, 1));
        assertShapeError("[0, 1] is not a permutation", () -> x.permute(0, 1));
        assertShapeError("[0, 1, 3] is not a permutation", () -> x.permute(0, 1, 3));
        assertShapeError("transpose: axis 3 is out of range", () -> x.transpose(0, 3));
    }

    /** Python's {@code range(n)[start:end:step]}. */
    private static int[] pythonSlice(int n, int start, int end, int step) {
        int s = start < 0 ? Math.max(0, start + n) : Math.min(start, n);
        int e = end < 0 ? Math.max(0, end + n) : Math.min(end, n);
        int[] picked = new int[Math.max(0, n)];
        int count = 0;
        for (int i = s; i < e; i += step) {
            picked[count++] = i;
        }
        return Arrays.copyOf(picked, count);
    }

    @Test
    void sliceFollowsPythonClamping() {
        for (int c = 0; c < 300; c++) {
            int[] dims = Views.randomDims(rnd, 1, 3);
            Tensor x = randomInput(dims);
            int axis = rnd.nextInt(dims.length) - (rnd.nextBoolean() ? dims.length : 0);
            int a = axis < 0 ? axis + dims.length : axis;
            int start = rnd.nextInt(15) - 7;
            int end = rnd.nextInt(15) - 7;
            int step = 1 + rnd.nextInt(3);
            int[] picked = pythonSlice(dims[a], start, end, step);
            Tensor s = x.slice(axis, start, end, step);
            assertValues(s, with(dims, a, picked.length), i -> Views.at(x, with(i, a, picked[i[a]])));
            assertTrue(s.isContiguous() || s.numel() == 0, "a slice is a contiguous view or a contiguous copy");
        }
    }

    @Test
    void aContiguousBlockSliceIsAViewAndOthersAreCopies() {
        Tensor x = Views.random(rnd, DType.F32, 5, 4);
        Tensor rows = x.slice(0, 1, 3);
        assertSame(x.storage(), rows.storage());
        assertEquals(4, rows.offset());
        Tensor stepped = x.slice(0, 0, 5, 2);
        assertNotSame(x.storage(), stepped.storage());
        Tensor cols = x.slice(1, 1, 3);
        assertNotSame(x.storage(), cols.storage());
        assertValues(cols, new int[] {5, 2}, i -> Views.at(x, i[0], i[1] + 1));
        assertShapeError("step must be at least 1, got 0 (axis 1 of shape [5, 4])", () -> x.slice(1, 0, 2, 0));
        assertShapeError("slice: axis 2 is out of range", () -> x.slice(2, 0, 1));
    }

    @Test
    void flipReversesTheGivenAxes() {
        for (int c = 0; c < 100; c++) {
            int[] dims = Views.randomDims(rnd, 1, 4);
            Tensor x = randomInput(dims);
            int a = rnd.nextInt(dims.length);
            int b = rnd.nextInt(dims.length);
            int[] axes = a == b ? new int[] {a - dims.length} : new int[] {a, b};
            Tensor f = x.flip(axes);
            assertNotSame(x.storage(), f.storage());
            assertValues(f, dims, i -> {
                int[] src = i.clone();
                src[a] = dims[a] - 1 - src[a];
                if (b != a) {
                    src[b] = dims[b] - 1 - src[b];
                }
                return Views.at(x, src);
            });
        }
        Tensor x = Views.empty(DType.F32, 2, 2);
        assertShapeError("flip: axis 1 is repeated", () -> x.flip(1, -1));
    }

    @Test
    void chainedViewsCompose() {
        Tensor base = Views.random(rnd, DType.F64, 3, 1, 4);
        // slice of a transpose of an expand
        Tensor chained = base.expand(3, 5, 4).transpose(0, 2).slice(1, 1, 5, 2);
        assertValues(chained, new int[] {4, 2, 3}, i -> Views.at(base, i[2], 0, i[0]));
        // flip of a slice
        Tensor flipped = base.slice(2, 1, -1).flip(2, 0);
        assertValues(flipped, new int[] {3, 1, 2}, i -> Views.at(base, 2 - i[0], 0, 2 - i[2]));
        // a squeeze of an expand of a flip stays consistent
        Tensor mixed = base.flip(0).squeeze(1).unsqueeze(0).expand(2, 3, 4).reshape(6, 4);
        assertValues(mixed, new int[] {6, 4}, i -> Views.at(base, 2 - i[0] % 3, 0, i[1]));
    }

    // ---- joining and cutting ------------------------------------------------------------

    @Test
    void concatJoinsStridedPartsAlongAnyAxis() {
        for (int c = 0; c < 60; c++) {
            int[] dims = Views.randomDims(rnd, 1, 3);
            int axis = rnd.nextInt(dims.length);
            int parts = 1 + rnd.nextInt(3);
            Tensor[] ts = new Tensor[parts];
            int[] starts = new int[parts + 1];
            for (int p = 0; p < parts; p++) {
                ts[p] = randomInput(with(dims, axis, rnd.nextInt(4)));
                starts[p + 1] = starts[p] + ts[p].dim(axis);
            }
            Tensor out = Tensor.concat(axis - (rnd.nextBoolean() ? dims.length : 0), ts);
            assertValues(out, with(dims, axis, starts[parts]), i -> {
                int p = 0;
                while (i[axis] >= starts[p + 1]) {
                    p++;
                }
                return Views.at(ts[p], with(i, axis, i[axis] - starts[p]));
            });
        }
    }

    @Test
    void concatErrors() {
        Tensor a = Views.empty(DType.F32, 2, 3);
        assertShapeError("part 1 has shape [2, 4] but part 0 has [2, 3]: sizes differ on axis 1 (joining along axis 0)",
                () -> Tensor.concat(0, a, Views.empty(DType.F32, 2, 4)));
        assertShapeError("ranks differ", () -> Tensor.concat(0, a, Views.empty(DType.F32, 2)));
        assertShapeError("part 1 is I32 but part 0 is F32", () -> Tensor.concat(0, a, Views.empty(DType.I32, 2, 3)));
        assertShapeError("concat: needs at least one tensor", () -> Tensor.concat(0, List.of()));
        assertShapeError("concat: axis 2 is out of range", () -> Tensor.concat(2, a, a));
    }

    @Test
    void stackAddsAnAxis() {
        Tensor a = randomInput(new int[] {2, 3});
        Tensor b = randomInput(new int[] {2, 3});
        assertValues(Tensor.stack(1, a, b), new int[] {2, 2, 3}, i -> Views.at(i[1] == 0 ? a : b, i[0], i[2]));
        assertValues(Tensor.stack(-1, a, b), new int[] {2, 3, 2}, i -> Views.at(i[2] == 0 ? a : b, i[0], i[1]));
        assertShapeError("stack: part 1 has shape [3, 2] but part 0 has [2, 3]: sizes differ on axis 0",
                () -> Tensor.stack(0, a, Views.empty(DType.F64, 3, 2)));
        assertShapeError("stack: axis 3 is out of range", () -> Tensor.stack(3, a, b));
    }

    @Test
    void splitAndChunkCutConsecutivePieces() {
        Tensor x = Views.random(rnd, DType.F32, 7, 3);
        List<Tensor> pieces = x.split(0, 2, 0, 5);
        assertEquals(3, pieces.size());
        assertSame(x.storage(), pieces.get(2).storage());
        assertValues(pieces.get(2), new int[] {5, 3}, i -> Views.at(x, i[0] + 2, i[1]));
        assertArrayEquals(new int[] {0, 3}, pieces.get(1).shape().dims());
        List<Tensor> cols = x.split(-1, 1, 2);
        assertValues(cols.get(1), new int[] {7, 2}, i -> Views.at(x, i[0], i[1] + 1));
        int[] sizes = x.chunk(0, 3).stream().mapToInt(t -> t.dim(0)).toArray();
        assertArrayEquals(new int[] {3, 3, 1}, sizes);
        assertArrayEquals(new int[] {2, 2, 2, 1}, x.chunk(0, 4).stream().mapToInt(t -> t.dim(0)).toArray());
        assertArrayEquals(new int[] {1, 1, 1}, x.chunk(1, 5).stream().mapToInt(t -> t.dim(1)).toArray());
        assertShapeError("sizes [2, 2] add up to 4 but axis 0 of shape [7, 3] has length 7", () -> x.split(0, 2, 2));
        assertShapeError("negative size in [8, -1]", () -> x.split(0, 8, -1));
        assertShapeError("chunk: needs at least 1 piece, got 0", () -> x.chunk(0, 0));
    }

    @Test
    void opsReleaseEveryTemporaryView() {
        long before = tensor.cpu.CpuBackend.instance().liveBytes();
        Tensor x = Views.random(rnd, DType.F32, 3, 4, 5);
        Tensor strided = x.expand(2, 3, 4, 5);
        List<java.util.function.Function<Tensor, Tensor>> ops = List.of(
                t -> t.reshape(-1), t -> t.unsqueeze(1), t -> t.expand(2, 2, 3, 4, 5),
                t -> t.permute(3, 2, 0, 1), t -> t.transpose(0, 1), t -> t.slice(2, 0, 4, 2), t -> t.flip(0, 2),
                t -> t.repeat(2, 1, 1, 1), t -> t.pad(new int[] {1, 0, 1, 0}, new int[] {0, 2, 0, 0}, 1),
                t -> Tensor.concat(1, t, t), t -> Tensor.stack(0, t, t), Tensor::contiguous);
        for (var op : ops) {
            op.apply(strided).close();
        }
        for (Tensor piece : strided.split(1, 1, 2)) {
            piece.close();
        }
        strided.close();
        x.close();
        assertEquals(before, tensor.cpu.CpuBackend.instance().liveBytes());
    }

    // ---- pad and repeat -----------------------------------------------------------------

    @Test
    void padFillsAroundAStridedInput() {
        for (int c = 0; c < 40; c++) {
            int[] dims = Views.randomDims(rnd, 1, 3);
            Tensor x = randomInput(dims);
            int r = dims.length;
            int[] before = new int[r];
            int[] after = new int[r];
            int[] outDims = new int[r];
            for (int a = 0; a < r; a++) {
                before[a] = rnd.nextInt(3);
                after[a] = rnd.nextInt(3);
                outDims[a] = dims[a] + before[a] + after[a];
            }
            Tensor p = x.pad(before, after, -7.5);
            assertValues(p, outDims, i -> {
                int[] src = new int[r];
                for (int a = 0; a < r; a++) {
                    src[a] = i[a] - before[a];
                    if (src[a] < 0 || src[a] >= dims[a]) {
                        return -7.5;
                    }
                }
                return Views.at(x, src);
            });
        }
        Tensor x = Views.empty(DType.F32, 2, 2);
        assertShapeError("negative padding on axis 1", () -> x.pad(new int[] {0, -1}, new int[] {0, 0}, 0));
        assertShapeError("need one entry per axis of shape [2, 2]", () -> x.pad(new int[] {1}, new int[] {1}, 0));
    }

    @Test
    void repeatTilesAndAddsLeadingAxes() {
        for (int c = 0; c < 60; c++) {
            int[] dims = Views.randomDims(rnd, 0, 3);
            Tensor x = randomInput(dims);
            int extra = rnd.nextInt(2);
            int n = dims.length + extra;
            int[] reps = new int[n];
            int[] outDims = new int[n];
            for (int a = 0; a < n; a++) {
                reps[a] = rnd.nextInt(4);
                outDims[a] = reps[a] * (a < extra ? 1 : dims[a - extra]);
            }
            Tensor t = x.repeat(reps);
            assertValues(t, outDims, i -> {
                int[] src = new int[dims.length];
                for (int a = 0; a < dims.length; a++) {
                    src[a] = i[a + extra] % dims[a];
                }
                return Views.at(x, src);
            });
        }
        Tensor x = Views.empty(DType.F32, 2, 2);
        assertShapeError("[2] has fewer entries than the 2 axes of shape [2, 2]", () -> x.repeat(2));
        assertShapeError("negative repeat count in [1, -1]", () -> x.repeat(1, -1));
    }
}
