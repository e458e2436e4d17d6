package tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reshaping, reordering, slicing, joining and padding.
 *
 * <p>Free views share the input's storage: a reshape of contiguous data, squeeze and unsqueeze,
 * expand (stride 0 on broadcast axes), and a slice or split piece that is itself a contiguous block.
 * Everything else (permute, transpose, stepped or non-contiguous slices, flips, and reshapes of
 * non-contiguous data) is an explicit copy: the op describes its result as a strided view of the
 * input (negative strides for flips) and the backend's strided copy writes it into fresh
 * contiguous memory. Joins and padding copy each input into a strided view of their output.
 */
final class Shaping {
    private Shaping() {}

    // ---- free views ----------------------------------------------------------------------

    /** Same elements in row-major order, new shape; one size may be −1 (inferred). */
    static Tensor reshape(Tensor x, int... shape) {
        Shape target = inferShape(x, shape);
        if (x.isContiguous()) {
            return x.view(target, target.contiguousStrides(), x.offset());
        }
        Tensor out = Tensor.empty(x.backend(), x.dtype(), target);
        copyInto(x, out, x.shape().contiguousStrides(), 0);
        return out;
    }

    private static Shape inferShape(Tensor x, int[] shape) {
        int inferred = -1;
        long known = 1;
        for (int a = 0; a < shape.length; a++) {
            if (shape[a] == -1 && inferred < 0) {
                inferred = a;
            } else if (shape[a] == -1) {
                throw new ShapeException("reshape", "only one size may be -1, got " + Arrays.toString(shape)
                        + " for " + x.shape());
            } else if (shape[a] < 0) {
                throw new ShapeException("reshape", "negative size " + shape[a] + " in " + Arrays.toString(shape)
                        + " for " + x.shape());
            } else {
                known *= shape[a];
            }
        }
        int[] dims = shape.clone();
        if (inferred >= 0) {
            if (known == 0 || x.numel() % known != 0) {
                throw new ShapeException("reshape", "cannot reshape " + x.shape() + " (" + x.numel()
                        + " elements) into " + Arrays.toString(shape) + ": no size for -1 gives "
                        + x.numel() + " elements");
            }
            dims[inferred] = (int) (x.numel() / known);
            known *= dims[inferred];
        }
        if (known != x.numel()) {
            throw new ShapeException("reshape", "cannot reshape " + x.shape() + " (" + x.numel()
                    + " elements) into " + Arrays.toString(shape) + " (" + known + " elements)");
        }
        return Shape.of(dims);
    }

    /** Removes an axis of size 1: a view. */
    static Tensor squeeze(Tensor x, int axis) {
        int a = x.shape().axis(axis, "squeeze");
        if (x.dim(a) != 1) {
            throw new ShapeException("squeeze", "axis " + axis + " of shape " + x.shape() + " has size "
                    + x.dim(a) + ", not 1");
        }
        return x.view(Shape.of(remove(x.shape().dims(), a)), remove(x.strides(), a), x.offset());
    }

    /** Inserts an axis of size 1 at {@code axis} of the result: a view. */
    static Tensor unsqueeze(Tensor x, int axis) {
        int r = x.rank();
        if (axis < -(r + 1) || axis > r) {
            throw new ShapeException("unsqueeze", "axis " + axis + " is out of range for inserting into shape "
                    + x.shape() + " (valid: " + -(r + 1) + " to " + r + ")");
        }
        int a = axis < 0 ? axis + r + 1 : axis;
        int stride = a < r ? x.stride(a) * x.dim(a) : 1;
        return x.view(Shape.of(insert(x.shape().dims(), a, 1)), insert(x.strides(), a, stride), x.offset());
    }

    /**
     * Broadcasts to {@code shape} by NumPy's rules: axes align from the end; a size-1 axis may grow
     * (stride 0), −1 keeps a size, and new leading axes may be added. A view.
     */
    static Tensor expand(Tensor x, int... shape) {
        int r = x.rank();
        int n = shape.length;
        if (n < r) {
            throw new ShapeException("expand", "cannot expand " + x.shape() + " to " + Arrays.toString(shape)
                    + ": the target has fewer axes");
        }
        int[] dims = new int[n];
        int[] strides = new int[n];
        for (int a = 0; a < n; a++) {
            int source = a - (n - r); // the aligned axis of x, or negative for a new leading axis
            int want = shape[a];
            if (want == -1 && source >= 0) {
                want = x.dim(source);
            } else if (want < 0) {
                throw new ShapeException("expand", "size " + want + " at axis " + a + " of " + Arrays.toString(shape)
                        + " is invalid for " + x.shape() + (want == -1 ? " (-1 is not allowed for a new axis)" : ""));
            }
            dims[a] = want;
            if (source < 0) {
                strides[a] = 0;
            } else if (x.dim(source) == want) {
                strides[a] = x.stride(source);
            } else if (x.dim(source) == 1) {
                strides[a] = 0;
            } else {
                throw new ShapeException("expand", "cannot expand " + x.shape() + " to " + Arrays.toString(shape)
                        + ": axis " + a + " has size " + x.dim(source) + ", which is neither " + want + " nor 1");
            }
        }
        return x.view(Shape.of(dims), strides, x.offset());
    }

    /** A contiguous tensor with {@code x}'s values: {@code x} itself if it already is contiguous. */
    static Tensor contiguous(Tensor x) {
        x.checkOpen("contiguous");
        return x.isContiguous() ? x : copyOf(x);
    }

    // ---- copies of strided views ---------------------------------------------------------

    /** Reorders axes: {@code out.dim(i) = x.dim(order[i])}. A copy. */
    static Tensor permute(Tensor x, int... order) {
        int r = x.rank();
        boolean[] seen = new boolean[r];
        boolean valid = order.length == r;
        int[] axes = new int[order.length];
        for (int i = 0; valid && i < r; i++) {
            int o = order[i];
            valid = o >= -r && o < r && !seen[o < 0 ? o + r : o];
            if (valid) {
                axes[i] = o < 0 ? o + r : o;
                seen[axes[i]] = true;
            }
        }
        if (!valid) {
            throw new ShapeException("permute", Arrays.toString(order) + " is not a permutation of the "
                    + r + " axes of shape " + x.shape());
        }
        int[] dims = new int[r];
        int[] strides = new int[r];
        for (int i = 0; i < r; i++) {
            dims[i] = x.dim(axes[i]);
            strides[i] = x.stride(axes[i]);
        }
        return materialize(x.view(Shape.of(dims), strides, x.offset()));
    }

    /** Swaps two axes. A copy. */
    static Tensor transpose(Tensor x, int a, int b) {
        int i = x.shape().axis(a, "transpose");
        int j = x.shape().axis(b, "transpose");
        int[] order = new int[x.rank()];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        order[i] = j;
        order[j] = i;
        return permute(x, order);
    }

    /**
     * Elements {@code start, start + step, …} before {@code end} along an axis. Negative bounds count
     * from the end and out-of-range bounds clamp, as in Python. A view when the result is a
     * contiguous block, else a copy.
     */
    static Tensor slice(Tensor x, int axis, int start, int end, int step) {
        int a = x.shape().axis(axis, "slice");
        if (step < 1) {
            throw new ShapeException("slice", "step must be at least 1, got " + step + " (axis " + axis
                    + " of shape " + x.shape() + ")");
        }
        int n = x.dim(a);
        int from = clampBound(start, n);
        int to = clampBound(end, n);
        int length = to <= from ? 0 : (to - from + step - 1) / step;
        int[] strides = x.strides();
        strides[a] *= step;
        int offset = length == 0 ? x.offset() : x.offset() + from * x.stride(a);
        return viewIfContiguous(x.view(x.shape().with(a, length), strides, offset));
    }

    private static int clampBound(int bound, int n) {
        int b = bound < 0 ? bound + n : bound;
        return Math.max(0, Math.min(n, b));
    }

    /** Reverses the order along each of {@code axes}. A copy. */
    static Tensor flip(Tensor x, int... axes) {
        int[] flipped = x.shape().axes(axes, "flip");
        int[] strides = x.strides();
        int offset = x.offset();
        for (int a : flipped) {
            if (x.dim(a) > 0) {
                offset += (x.dim(a) - 1) * strides[a];
            }
            strides[a] = -strides[a];
        }
        return materialize(x.view(x.shape(), strides, offset));
    }

    /**
     * Tiles {@code x} {@code repeats[i]} times along axis i (PyTorch's {@code repeat}); extra repeats
     * add leading axes. One copy from a stride-0 view {@code [r0, d0, r1, d1, …]} into the output
     * seen with the same interleaved shape.
     */
    static Tensor repeat(Tensor x, int... repeats) {
        int n = repeats.length;
        int r = x.rank();
        if (n < r) {
            throw new ShapeException("repeat", Arrays.toString(repeats) + " has fewer entries than the "
                    + r + " axes of shape " + x.shape());
        }
        int[] outDims = new int[n];
        int[] pairDims = new int[2 * n];
        int[] srcStrides = new int[2 * n];
        for (int a = 0; a < n; a++) {
            if (repeats[a] < 0) {
                throw new ShapeException("repeat", "negative repeat count in " + Arrays.toString(repeats)
                        + " for shape " + x.shape());
            }
            int source = a - (n - r);
            int d = source < 0 ? 1 : x.dim(source);
            outDims[a] = Math.multiplyExact(repeats[a], d);
            pairDims[2 * a] = repeats[a];
            pairDims[2 * a + 1] = d;
            srcStrides[2 * a + 1] = source < 0 ? 0 : x.stride(source);
        }
        Shape outShape = Shape.of(outDims);
        Tensor out = Tensor.empty(x.backend(), x.dtype(), outShape);
        int[] outStrides = outShape.contiguousStrides();
        int[] pairStrides = new int[2 * n];
        for (int a = 0; a < n; a++) {
            pairStrides[2 * a] = outStrides[a] * pairDims[2 * a + 1];
            pairStrides[2 * a + 1] = outStrides[a];
        }
        try (Tensor tiled = x.view(Shape.of(pairDims), srcStrides, x.offset());
             Tensor dst = out.view(Shape.of(pairDims), pairStrides, 0)) {
            x.backend().copy(tiled, dst);
        }
        return out;
    }

    // ---- joining and cutting -------------------------------------------------------------

    /** Joins tensors along an existing axis; every other size must agree. */
    static Tensor concat(int axis, List<Tensor> parts) {
        if (parts.isEmpty()) {
            throw new ShapeException("concat", "needs at least one tensor");
        }
        Tensor first = parts.get(0);
        int a = first.shape().axis(axis, "concat");
        int total = 0;
        for (int p = 0; p < parts.size(); p++) {
            Tensor t = parts.get(p);
            checkJoinable("concat", first, t, p, a);
            total += t.dim(a);
        }
        Tensor out = Tensor.empty(first.backend(), first.dtype(), first.shape().with(a, total));
        int[] strides = out.shape().contiguousStrides();
        int position = 0;
        for (Tensor t : parts) {
            copyInto(t, out, strides, position * strides[a]);
            position += t.dim(a);
        }
        return out;
    }

    /** Joins equal shapes along a new axis {@code axis} of the result. */
    static Tensor stack(int axis, List<Tensor> parts) {
        if (parts.isEmpty()) {
            throw new ShapeException("stack", "needs at least one tensor");
        }
        Tensor first = parts.get(0);
        int r = first.rank();
        if (axis < -(r + 1) || axis > r) {
            throw new ShapeException("stack", "axis " + axis + " is out of range for stacking shape "
                    + first.shape() + " (valid: " + -(r + 1) + " to " + r + ")");
        }
        for (int p = 0; p < parts.size(); p++) {
            checkJoinable("stack", first, parts.get(p), p, -1);
        }
        List<Tensor> lifted = new ArrayList<>(parts.size());
        try {
            for (Tensor t : parts) {
                lifted.add(unsqueeze(t, axis));
            }
            return concat(axis, lifted);
        } finally {
            lifted.forEach(Tensor::close);
        }
    }

    /**
     * Checks that part {@code p} can join part 0: same rank, dtype and backend, and equal sizes on
     * every axis except {@code axis} (every axis when {@code axis} is −1).
     */
    private static void checkJoinable(String op, Tensor first, Tensor t, int p, int axis) {
        String both = "part " + p + " has shape " + t.shape() + " but part 0 has " + first.shape();
        if (t.rank() != first.rank()) {
            throw new ShapeException(op, both + ": ranks differ");
        }
        if (t.dtype() != first.dtype()) {
            throw new ShapeException(op, "part " + p + " is " + t.dtype() + " but part 0 is " + first.dtype());
        }
        if (t.backend() != first.backend()) {
            throw new ShapeException(op, "part " + p + " is on " + t.backend().name() + " but part 0 is on "
                    + first.backend().name());
        }
        for (int a = 0; a < t.rank(); a++) {
            if (a != axis && t.dim(a) != first.dim(a)) {
                throw new ShapeException(op, both + ": sizes differ on axis " + a
                        + (axis >= 0 ? " (joining along axis " + axis + ")" : ""));
            }
        }
    }

    /** Consecutive pieces of the given sizes along an axis; they must add up to its length. */
    static List<Tensor> split(Tensor x, int axis, int... sizes) {
        int a = x.shape().axis(axis, "split");
        long sum = 0;
        for (int s : sizes) {
            if (s < 0) {
                throw new ShapeException("split", "negative size in " + Arrays.toString(sizes) + " for axis "
                        + axis + " of shape " + x.shape());
            }
            sum += s;
        }
        if (sum != x.dim(a)) {
            throw new ShapeException("split", "sizes " + Arrays.toString(sizes) + " add up to " + sum
                    + " but axis " + axis + " of shape " + x.shape() + " has length " + x.dim(a));
        }
        List<Tensor> pieces = new ArrayList<>(sizes.length);
        int start = 0;
        for (int s : sizes) {
            pieces.add(slice(x, a, start, start + s, 1));
            start += s;
        }
        return List.copyOf(pieces);
    }

    /**
     * Cuts an axis into pieces of {@code ceil(len / n)} elements, the last one shorter if needed,
     * like PyTorch's {@code chunk} (so there may be fewer than {@code n} pieces).
     */
    static List<Tensor> chunk(Tensor x, int axis, int n) {
        int a = x.shape().axis(axis, "chunk");
        if (n < 1) {
            throw new ShapeException("chunk", "needs at least 1 piece, got " + n + " for axis " + axis
                    + " of shape " + x.shape());
        }
        int length = x.dim(a);
        int size = Math.max(1, (length + n - 1) / n);
        int count = Math.max(1, (length + size - 1) / size);
        int[] sizes = new int[count];
        for (int i = 0; i < count; i++) {
            sizes[i] = Math.min(size, length - i * size);
        }
        return split(x, a, sizes);
    }

    /** Constant padding: {@code before[i]} and {@code after[i]} elements of {@code value} around axis i. */
    static Tensor pad(Tensor x, int[] before, int[] after, double value) {
        int r = x.rank();
        if (before.length != r || after.length != r) {
            throw new ShapeException("pad", "before " + Arrays.toString(before) + " and after "
                    + Arrays.toString(after) + " need one entry per axis of shape " + x.shape());
        }
        int[] dims = new int[r];
        for (int a = 0; a < r; a++) {
            if (before[a] < 0 || after[a] < 0) {
                throw new ShapeException("pad", "negative padding on axis " + a + ": before "
                        + Arrays.toString(before) + ", after " + Arrays.toString(after) + " for shape " + x.shape());
            }
            dims[a] = Math.addExact(Math.addExact(x.dim(a), before[a]), after[a]);
        }
        Tensor out = Tensor.empty(x.backend(), x.dtype(), Shape.of(dims));
        x.backend().fill(out, value);
        int[] strides = out.shape().contiguousStrides();
        int offset = 0;
        for (int a = 0; a < r; a++) {
            offset += before[a] * strides[a];
        }
        if (x.numel() > 0) {
            copyInto(x, out, strides, offset);
        }
        return out;
    }

    // ---- shared steps --------------------------------------------------------------------

    /** Copies {@code x} into the view of {@code out}'s storage with {@code x}'s shape, these strides and offset. */
    private static void copyInto(Tensor x, Tensor out, int[] strides, int offset) {
        try (Tensor dst = out.view(x.shape(), strides, offset)) {
            x.backend().copy(x, dst);
        }
    }

    /** A fresh contiguous copy of {@code x}. */
    private static Tensor copyOf(Tensor x) {
        Tensor out = Tensor.empty(x.backend(), x.dtype(), x.shape());
        x.backend().copy(x, out);
        return out;
    }

    /** A fresh contiguous copy of a temporary view, which is closed. */
    private static Tensor materialize(Tensor view) {
        try (view) {
            return copyOf(view);
        }
    }

    /** The view itself when it is a contiguous block, else a contiguous copy of it. */
    private static Tensor viewIfContiguous(Tensor view) {
        return view.isContiguous() ? view : materialize(view);
    }

    private static int[] remove(int[] a, int i) {
        int[] out = new int[a.length - 1];
        System.arraycopy(a, 0, out, 0, i);
        System.arraycopy(a, i + 1, out, i, a.length - i - 1);
        return out;
    }

    private static int[] insert(int[] a, int i, int v) {
        int[] out = new int[a.length + 1];
        System.arraycopy(a, 0, out, 0, i);
        out[i] = v;
        System.arraycopy(a, i, out, i + 1, a.length - i);
        return out;
    }
}
