package autograd.ops;

import autograd.Variable;
import java.util.Arrays;
import java.util.List;
import tensor.Shape;
import tensor.Tensor;

/**
 * Backward rules of reading and writing by index. Reading element {@code i} of x into several
 * places sends back the sum of their gradients to {@code i}: the gradient of a gather is a
 * scatter-add, and the gradient of a scatter-add's source is a gather. Index tensors (I32) carry
 * no gradient; the rules keep using them, so they must stay open until backward.
 */
public final class IndexingGrads {
    private IndexingGrads() {}

    /** The differentiable top-k: {@code values} (a variable) and their I32 {@code indices}. */
    public record TopK(Variable values, Tensor indices) {
    }

    /** {@code y = x[…index…]} along an axis: {@code ∂x = scatterAdd(0, axis, index, g)}. */
    public static Variable gather(Variable x, int axis, Tensor index) {
        Shape in = x.shape();
        return Variable.fromOp("gather", x.value().gather(axis, index),
                g -> List.of(() -> OnDevice.zeros(g, in.dims()).scatterAdd(axis, index, g)), x);
    }

    /** Whole slices picked by a rank-1 index: scatter-add {@code g}'s slices back to where they came from. */
    public static Variable indexSelect(Variable x, int axis, Tensor index) {
        Shape in = x.shape();
        Tensor y = x.value().indexSelect(axis, index);
        int a = in.axis(axis, "indexSelect");
        return Variable.fromOp("indexSelect", y, g -> List.of(() -> {
            int[] column = new int[g.rank()];
            Arrays.fill(column, 1);
            column[a] = index.numel();
            Tensor spread = index.reshape(column).expand(g.shape().dims());
            return OnDevice.zeros(g, in.dims()).scatterAdd(a, spread, g);
        }), x);
    }

    /** {@code y = target + scatter(src)}: {@code ∂target = g}, {@code ∂src = gather(g, axis, index)}. */
    public static Variable scatterAdd(Variable target, int axis, Tensor index, Variable src) {
        return Variable.fromOp("scatterAdd", target.value().scatterAdd(axis, index, src.value()), g -> List.of(
                () -> g,
                () -> g.gather(axis, index)), target, src);
    }

    /** Rows of {@code weight [V, D]} picked by {@code ids}: {@code ∂weight} adds each row's gradients. */
    public static Variable embedding(Variable weight, Tensor ids) {
        Shape w = weight.shape();
        return Variable.fromOp("embedding", Tensor.embedding(weight.value(), ids), g -> List.of(() -> {
            int n = ids.numel();
            int d = w.dim(1);
            Tensor rows = ids.reshape(n, 1).expand(n, d);
            return OnDevice.zeros(g, w.dims()).scatterAdd(0, rows, g.reshape(n, d));
        }), weight);
    }

    /** The k extreme values along an axis: each value's gradient goes back to where it was taken. */
    public static TopK topk(Variable x, int k, int axis, boolean largest) {
        Shape in = x.shape();
        tensor.TopK picked = x.value().topk(k, axis, largest);
        Tensor indices = picked.indices();
        Variable values = Variable.fromOp("topk", picked.values(),
                g -> List.of(() -> OnDevice.zeros(g, in.dims()).scatterAdd(axis, indices, g)), x);
        return new TopK(values, indices);
    }
}
