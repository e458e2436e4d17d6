package autograd.ops;

import static autograd.ops.Broadcast.sumTo;

import autograd.Variable;
import java.util.List;
import tensor.Shape;
import tensor.Tensor;

/**
 * Backward rule of the (batched, broadcasting) matrix product {@code C = op(A)·op(B)}, where
 * {@code op} transposes the last two axes when asked: {@code ∂op(A) = G·op(B)ᵀ} and
 * {@code ∂op(B) = op(A)ᵀ·G}, computed without materialising a transpose, then summed over any
 * batch axes that were broadcast. A rank-1 operand is a row (left) or column (right) vector.
 */
public final class MatmulGrads {
    private MatmulGrads() {}

    public static Variable matmul(Variable a, Variable b, boolean ta, boolean tb) {
        Tensor av = a.value();
        Tensor bv = b.value();
        Tensor c = Tensor.matmul(av, bv, ta, tb);
        Shape aShape = a.shape();
        Shape bShape = b.shape();
        Tensor a2 = av.rank() == 1 ? av.unsqueeze(0) : av;
        Tensor b2 = bv.rank() == 1 ? bv.unsqueeze(1) : bv;
        return Variable.fromOp("matmul", c, g -> {
            Tensor g2 = g.reshape(matrixShape(g.shape(), av.rank() == 1, bv.rank() == 1));
            return List.of(
                    () -> sumTo(ta ? Tensor.matmul(b2, g2, tb, true) : Tensor.matmul(g2, b2, false, !tb),
                            promoted(aShape, true)).reshape(aShape.dims()),
                    () -> sumTo(tb ? Tensor.matmul(g2, a2, true, ta) : Tensor.matmul(a2, g2, !ta, false),
                            promoted(bShape, false)).reshape(bShape.dims()));
        }, a, b);
    }

    /** The output gradient with the axes that rank-1 operands dropped put back as size 1. */
    private static int[] matrixShape(Shape out, boolean aWasVector, boolean bWasVector) {
        int[] dims = out.dims();
        int[] res = new int[dims.length + (aWasVector ? 1 : 0) + (bWasVector ? 1 : 0)];
        int n = dims.length;
        int tail = (aWasVector ? 0 : 1) + (bWasVector ? 0 : 1);
        System.arraycopy(dims, 0, res, 0, n - tail);
        int i = n - tail;
        res[i] = aWasVector ? 1 : dims[n - tail];
        res[i + 1] = bWasVector ? 1 : dims[n - 1];
        return res;
    }

    private static Shape promoted(Shape s, boolean left) {
        if (s.rank() != 1) {
            return s;
        }
        return left ? Shape.of(1, s.dim(0)) : Shape.of(s.dim(0), 1);
    }
}
