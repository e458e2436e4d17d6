package nn;

import autograd.Variable;
import tensor.DType;
import tensor.Generator;
import tensor.ShapeException;
import tensor.Tensor;

/**
 * A lookup table: token {@code i} maps to row {@code i} of {@code weight [num, dim]}, so I32 ids of
 * any shape {@code [...]} give {@code [..., dim]}. The gradient of a row is the sum of the output
 * gradients where its id occurs. As PyTorch's {@code nn.Embedding}: parameter {@code weight},
 * initialised {@code N(0, 1)}.
 */
public final class Embedding extends Module {
    private final int num;
    private final int dim;
    public final Parameter weight;

    public Embedding(int num, int dim, Generator init) {
        if (num <= 0 || dim < 0) {
            throw new IllegalArgumentException("Embedding: needs num > 0 and dim ≥ 0, got num=" + num + ", dim=" + dim);
        }
        this.num = num;
        this.dim = dim;
        this.weight = param("weight", Init.normal(init, 1, num, dim));
    }

    public int num() {
        return num;
    }

    public int dim() {
        return dim;
    }

    /** {@code ids} (I32, values in {@code [0, num)}) to {@code [..., dim]}. */
    public Variable forward(Tensor ids) {
        if (ids.dtype() != DType.I32) {
            throw new ShapeException("Embedding", "ids must be I32, got " + ids.dtype() + " " + ids.shape());
        }
        return Variable.embedding(weight.variable(), ids);
    }

    @Override
    public String toString() {
        return "Embedding(" + num + ", " + dim + ")";
    }
}
