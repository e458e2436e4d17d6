package nn.loss;

import autograd.Variable;
import java.util.Arrays;
import java.util.stream.IntStream;
import nn.Module;
import tensor.DType;
import tensor.Shape;
import tensor.ShapeException;
import tensor.Tensor;

/**
 * Cross-entropy between logits and class indices, PyTorch's {@code nn.CrossEntropyLoss} with mean
 * reduction, {@code ignore_index} and {@code label_smoothing}. With {@code log p = logSoftmax(logits)}
 * over the class axis and {@code V} the positions whose target is not {@code ignoreIndex}:
 * <pre>
 *   loss = (1 − ε) · (1/|V|) Σ_{i∈V} −log p[i, y_i]  +  (ε/C) · (1/|V|) Σ_{i∈V} Σ_c −log p[i, c]
 * </pre>
 * i.e. the target distribution is {@code (1 − ε)·onehot(y) + ε/C} (Szegedy et al., "Rethinking
 * the Inception Architecture", CVPR 2016), exactly as PyTorch computes it. Logits are
 * {@code [N, C]} or {@code [N, C, d1, …]} with I32 targets {@code [N]} or {@code [N, d1, …]}.
 * When every target is ignored the loss is NaN (0/0), as in PyTorch.
 */
public final class CrossEntropyLoss extends Module {
    /** PyTorch's default {@code ignore_index}. */
    public static final int DEFAULT_IGNORE_INDEX = -100;

    private final int ignoreIndex;
    private final double labelSmoothing;

    public CrossEntropyLoss(int ignoreIndex, double labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("CrossEntropyLoss: label smoothing must be in [0, 1], got " + labelSmoothing);
        }
        this.ignoreIndex = ignoreIndex;
        this.labelSmoothing = labelSmoothing;
    }

    public CrossEntropyLoss() {
        this(DEFAULT_IGNORE_INDEX, 0);
    }

    public Variable forward(Variable logits, Tensor target) {
        checkShapes(logits.shape(), target);
        int classes = logits.shape().dim(1);
        Variable logProbs = classesLast(logits.logSoftmax(1), classes);      // [M, C]
        Tensor flatTarget = target.reshape(-1, 1);                           // [M, 1]
        Tensor valid = flatTarget.ne(ignoreIndex);                          // [M, 1] I32
        Tensor safeTarget = Tensor.where(valid, flatTarget, flatTarget.zerosLike());
        Variable zero = Variable.constant(Tensor.zeros(logits.dtype(), 1, 1));
        Variable count = Variable.constant(valid.sum().to(logits.dtype()));

        Variable nll = Variable.where(valid, logProbs.gather(1, safeTarget).neg(), zero).sum().div(count);
        if (labelSmoothing == 0) {
            return nll;
        }
        Variable uniform = Variable.where(valid, logProbs.sum(new int[] {1}, true).neg(), zero).sum().div(count);
        return nll.mul(1 - labelSmoothing).add(uniform.mul(labelSmoothing / classes));
    }

    /** {@code [N, C, d…]} to {@code [N·d…, C]}. */
    private static Variable classesLast(Variable x, int classes) {
        int rank = x.shape().rank();
        if (rank == 2) {
            return x;
        }
        int[] order = IntStream.concat(IntStream.of(0), IntStream.concat(IntStream.range(2, rank), IntStream.of(1))).toArray();
        return x.permute(order).reshape(-1, classes);
    }

    private static void checkShapes(Shape logits, Tensor target) {
        int[] expected = IntStream.range(0, logits.rank()).filter(a -> a != 1).map(logits::dim).toArray();
        if (logits.rank() < 2 || target.dtype() != DType.I32 || !Arrays.equals(target.shape().dims(), expected)) {
            throw new ShapeException("CrossEntropyLoss", "needs logits [N, C, d…] and I32 targets [N, d…]; got logits "
                    + logits + " and " + target.dtype() + " targets " + target.shape());
        }
    }

    @Override
    public String toString() {
        return "CrossEntropyLoss(ignoreIndex=" + ignoreIndex + ", labelSmoothing=" + labelSmoothing + ")";
    }
}
