package nn.attention;

import autograd.Variable;
import tensor.DType;
import tensor.ShapeException;
import tensor.Devices;
import tensor.Tensor;

/**
 * Rotary position embedding, RoPE (Su et al., "RoFormer", 2021), applied to queries and keys per
 * head: the feature pairs {@code (x[2i], x[2i+1])} of the token at position {@code pos} are rotated
 * by the angle {@code θ = pos · base^(−2i/d)}, {@code base = 10000}:
 * <pre>
 *   y[2i]   = x[2i]·cos θ − x[2i+1]·sin θ
 *   y[2i+1] = x[2i]·sin θ + x[2i+1]·cos θ
 * </pre>
 * so that {@code ⟨R_m q, R_n k⟩} depends on positions only through {@code m − n}.
 *
 * <h2>Pairing convention: INTERLEAVED</h2>
 * Pairs are adjacent features, as in RoFormer and Meta's original Llama code (which views the
 * pairs as complex numbers). Hugging Face's Llama instead pairs feature {@code i} with
 * {@code i + d/2} ("rotate_half", half-split), and its conversion script permutes the rows of
 * {@code q_proj} and {@code k_proj} accordingly. To load Hugging Face weights here, undo that
 * permutation with {@link #interleavedRows}: within each head, row {@code 2i} takes the HF row
 * {@code i} and row {@code 2i+1} takes the HF row {@code i + d/2} (and the same for a q/k bias).
 * Scores, and so the whole model, are then identical.
 *
 * <h2>Positions</h2>
 * The token at sequence index {@code s} sits at position {@code offset + s}; with a key/value cache
 * the offset is the number of tokens already cached. Angle tables are built once (for positions
 * up to a power of two) and cached.
 */
public final class RotaryEmbedding {
    private final int dim;
    private final double base;

    private record TableKey(boolean sine, int positions, int dim, double base, DType dtype) {
    }

    /** RoFormer's and Llama's base (Hugging Face's {@code rope_theta}). */
    public static final double DEFAULT_BASE = 10000;

    /** Rotates all {@code dim} features of each head, with {@code base = 10000}. */
    public RotaryEmbedding(int dim) {
        this(dim, DEFAULT_BASE);
    }

    /**
     * @param base the wavelengths run from {@code 2π} to {@code 2π·base^((d−2)/d)} positions: a smaller
     *             base gives finer positional resolution over a short context
     */
    public RotaryEmbedding(int dim, double base) {
        if (dim <= 0 || dim % 2 != 0) {
            throw new IllegalArgumentException("rotary embedding: the head dimension must be even and positive, got " + dim);
        }
        if (!(base > 1)) {
            throw new IllegalArgumentException("rotary embedding: the base must be greater than 1, got " + base);
        }
        this.dim = dim;
        this.base = base;
    }

    public int dim() {
        return dim;
    }

    /**
     * Rotates {@code x [..., L, dim]} (the sequence on axis −2), token {@code s} at position {@code offset + s}.
     */
    public Variable apply(Variable x, int offset) {
        int rank = x.shape().rank();
        if (rank < 2 || x.shape().dim(-1) != dim) {
            throw new ShapeException("rotary", "expects [..., length, " + dim + "], got " + x.shape()
                    + " (feature axis -1)");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("rotary: the position offset must be ≥ 0, got " + offset);
        }
        int length = x.shape().dim(-2);
        Variable cos = Variable.constant(table(true, offset, length, x));
        Variable sin = Variable.constant(table(false, offset, length, x));
        int[] pairs = x.shape().dims();
        pairs[rank - 1] = dim / 2;
        int[] pairShape = java.util.Arrays.copyOf(pairs, rank + 1);
        pairShape[rank] = 2;
        Variable paired = x.reshape(pairShape);                 // [..., L, dim/2, 2]
        Variable even = paired.slice(-1, 0, 1);
        Variable odd = paired.slice(-1, 1, 2);
        Variable rotatedEven = even.mul(cos).sub(odd.mul(sin));
        Variable rotatedOdd = even.mul(sin).add(odd.mul(cos));
        return Variable.concat(-1, rotatedEven, rotatedOdd).reshape(x.shape().dims());
    }

    /** {@code cos θ} (or {@code sin θ}) for positions {@code [offset, offset + length)}: {@code [length, dim/2, 1]}. */
    private Tensor table(boolean cosine, int offset, int length, Variable like) {
        int positions = Integer.highestOneBit(Math.max(1, offset + length - 1)) * 2;
        Tensor all = ConstantCache.get(like.value().backend(), new TableKey(cosine, positions, dim, base, like.dtype()), () -> {
            double[] values = new double[positions * dim / 2];
            for (int p = 0; p < positions; p++) {
                for (int i = 0; i < dim / 2; i++) {
                    double angle = p * Math.pow(base, -2.0 * i / dim);
                    values[p * dim / 2 + i] = cosine ? Math.cos(angle) : Math.sin(angle);
                }
            }
            return Tensor.of(values, positions, dim / 2, 1).to(like.dtype());
        });
        return all.slice(0, offset, offset + length);
    }

    /**
     * A Hugging Face (half-split) {@code q_proj} or {@code k_proj} weight {@code [heads·dim, in]}, or
     * its bias {@code [heads·dim]}, with the rows of each head reordered for the interleaved pairing
     * used here: row {@code 2i} ← HF row {@code i}, row {@code 2i+1} ← HF row {@code i + dim/2}.
     */
    public Tensor interleavedRows(Tensor halfSplit) {
        int rows = halfSplit.dim(0);
        if (rows % dim != 0) {
            throw new ShapeException("interleavedRows", "axis 0 of " + halfSplit.shape()
                    + " is not a whole number of heads of " + dim);
        }
        int[] order = new int[rows];
        for (int h = 0; h < rows / dim; h++) {
            for (int i = 0; i < dim / 2; i++) {
                order[h * dim + 2 * i] = h * dim + i;
                order[h * dim + 2 * i + 1] = h * dim + dim / 2 + i;
            }
        }
        Tensor index = Devices.on(halfSplit.backend(), () -> Tensor.of(order, rows));
        return halfSplit.indexSelect(0, index);
    }
}
