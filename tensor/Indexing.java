package tensor;

import java.util.Arrays;

/**
 * Gathering and scattering by I32 indices, one-hot, embeddings, top-k. Everything is built on the
 * backend's {@link Backend#gather}, {@link Backend#scatterAdd} and {@link Backend#topk}; index
 * tensors may be strided views (an index select is a gather through a stride-0 expanded index).
 */
final class Indexing {
    private Indexing() {}

    /** {@code out[…, i, …] = x[…, index[…, i, …], …]} along {@code axis}; {@code out} has index's shape. */
    static Tensor gather(Tensor x, int axis, Tensor index) {
        int a = x.shape().axis(axis, "gather");
        checkIndex("gather", x, index);
        checkAlongAxis("gather", "x", x, "index", index, a);
        return gatherInto(x, a, index, index.shape());
    }

    /** Whole slices along {@code axis} picked by a rank-1 I32 index: {@code out.dim(axis) = index.dim(0)}. */
    static Tensor indexSelect(Tensor x, int axis, Tensor index) {
        int a = x.shape().axis(axis, "indexSelect");
        checkIndex("indexSelect", x, index);
        if (index.rank() != 1) {
            throw new ShapeException("indexSelect", "index must have rank 1, got shape " + index.shape()
                    + " (x " + x.shape() + ", axis " + axis + ")");
        }
        Shape outShape = x.shape().with(a, index.dim(0));
        int[] strides = new int[x.rank()];
        strides[a] = index.stride(0);
        try (Tensor expanded = index.view(outShape, strides, index.offset())) {
            return gatherInto(x, a, expanded, outShape);
        }
    }

    private static Tensor gatherInto(Tensor x, int axis, Tensor index, Shape outShape) {
        try (Operands in = Operands.dense(x)) {
            Tensor out = Tensor.empty(x.backend(), x.dtype(), outShape);
            try {
                x.backend().gather(in.get(0), axis, index, out);
            } catch (RuntimeException e) {
                out.close();
                throw e;
            }
            return out;
        }
    }

    /** {@code target} plus {@code src} accumulated at {@code index} along {@code axis}: a new tensor. */
    static Tensor scatterAdd(Tensor target, int axis, Tensor index, Tensor src) {
        int a = target.shape().axis(axis, "scatterAdd");
        checkIndex("scatterAdd", target, index);
        if (!index.shape().equals(src.shape())) {
            throw new ShapeException("scatterAdd", "index " + index.shape() + " and src " + src.shape()
                    + " must have the same shape");
        }
        if (src.dtype() != target.dtype() || src.backend() != target.backend()) {
            throw new ShapeException("scatterAdd", "src is " + src.dtype() + " on " + src.backend().name()
                    + " but target is " + target.dtype() + " on " + target.backend().name());
        }
        checkAlongAxis("scatterAdd", "target", target, "src", src, a);
        Tensor out = Tensor.empty(target.backend(), target.dtype(), target.shape());
        try (Operands in = Operands.dense(src)) {
            target.backend().copy(target, out);
            target.backend().scatterAdd(out, a, index, in.get(0));
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
        return out;
    }

    /** A new last axis of {@code classes} entries: 1 at each id, 0 elsewhere. */
    static Tensor oneHot(Tensor ids, int classes, DType dtype) {
        if (ids.dtype() != DType.I32) {
            throw new ShapeException("oneHot", "ids must be I32, got " + ids.dtype() + " of shape " + ids.shape());
        }
        if (classes < 0) {
            throw new ShapeException("oneHot", "classes must be non-negative, got " + classes);
        }
        Backend backend = ids.backend();
        int[] dims = Arrays.copyOf(ids.shape().dims(), ids.rank() + 1);
        dims[ids.rank()] = classes;
        Tensor out = Tensor.empty(backend, dtype, Shape.of(dims));
        dims[ids.rank()] = 1;
        try (Tensor ones = Tensor.empty(backend, dtype, Shape.of(dims));
             Tensor index = Shaping.unsqueeze(ids, ids.rank())) {
            backend.fill(out, 0);
            backend.fill(ones, 1);
            backend.scatterAdd(out, ids.rank(), index, ones);
        } catch (IndexRangeException e) {
            out.close();
            throw new IndexRangeException("oneHot: id " + e.value() + " is out of range for " + classes
                    + " classes (ids " + ids.shape() + ")", e.value(), classes);
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
        return out;
    }

    /** Rows of {@code weight [V, D]} picked by I32 {@code ids} of any shape: {@code ids.shape + [D]}. */
    static Tensor embedding(Tensor weight, Tensor ids) {
        if (weight.rank() != 2) {
            throw new ShapeException("embedding", "weight must be [V, D], got " + weight.shape());
        }
        checkIndex("embedding", weight, ids);
        int[] dims = Arrays.copyOf(ids.shape().dims(), ids.rank() + 1);
        dims[ids.rank()] = weight.dim(1);
        try (Tensor flat = Shaping.reshape(ids, -1);
             Tensor rows = indexSelect(weight, 0, flat)) {
            return Shaping.reshape(rows, dims);
        } catch (IndexRangeException e) {
            throw new IndexRangeException("embedding: id " + e.value() + " is out of range for the "
                    + e.size() + " rows of weight " + weight.shape(), e.value(), e.size());
        }
    }

    /** The {@code k} largest (or smallest) entries along {@code axis}, sorted, ties by lower index. */
    static TopK topk(Tensor x, int k, int axis, boolean largest) {
        int a = x.shape().axis(axis, "topk");
        if (k < 0 || k > x.dim(a)) {
            throw new ShapeException("topk", "k = " + k + " is out of range for axis " + axis + " of size "
                    + x.dim(a) + " in shape " + x.shape());
        }
        Shape outShape = x.shape().with(a, k);
        Tensor values = Tensor.empty(x.backend(), x.dtype(), outShape);
        Tensor indices = Tensor.empty(x.backend(), DType.I32, outShape);
        try (Operands in = Operands.dense(x)) {
            x.backend().topk(in.get(0), a, k, largest, values, indices);
        } catch (RuntimeException e) {
            values.close();
            indices.close();
            throw e;
        }
        return new TopK(values, indices);
    }

    // ---- checks --------------------------------------------------------------------------

    private static void checkIndex(String op, Tensor x, Tensor index) {
        if (index.dtype() != DType.I32) {
            throw new ShapeException(op, "index must be I32, got " + index.dtype() + " of shape " + index.shape());
        }
        if (index.backend() != x.backend()) {
            throw new ShapeException(op, "index is on " + index.backend().name() + " but the data is on "
                    + x.backend().name());
        }
    }

    /** Same rank, and equal sizes on every axis except {@code axis}. */
    private static void checkAlongAxis(String op, String bigName, Tensor big, String name, Tensor t, int axis) {
        if (t.rank() != big.rank()) {
            throw new ShapeException(op, name + " " + t.shape() + " must have the rank of " + bigName + " "
                    + big.shape());
        }
        for (int a = 0; a < t.rank(); a++) {
            if (a != axis && t.dim(a) != big.dim(a)) {
                throw new ShapeException(op, name + " " + t.shape() + " and " + bigName + " " + big.shape()
                        + " differ on axis " + a + " (only axis " + axis + " may differ)");
            }
        }
    }
}
