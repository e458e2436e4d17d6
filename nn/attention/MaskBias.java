package nn.attention;

import tensor.Backend;
import tensor.DType;
import tensor.ShapeException;
import tensor.Tensor;

/**
 * An attention mask in the form the core adds to the scores: {@code bias} is 0 where a query may
 * see a key and {@value #MASKED} where it may not, and {@code rowHasKey} (1 or 0 per query, shape
 * {@code [..., Lq, 1]}) marks the queries that see at least one key; it is null when every query
 * surely does.
 *
 * <p>The masked value is finite on purpose: a row that masks every key then gets a finite
 * (uniform) softmax instead of {@code NaN} from {@code −∞ − (−∞)}, and the core multiplies that
 * row's output by {@code rowHasKey = 0}: <b>a query that sees no key outputs zeros</b> (and sends
 * back zero gradient). In a row that keeps some key, {@code exp(−1e9 − max)} is exactly 0 in F32
 * and F64, so masked keys get weight exactly 0.
 *
 * <p>Causal masks are bottom-right aligned, so they also serve a key/value cache and Perceiver AR:
 * with {@code Lq} queries and {@code Lk ≥ Lq} keys, query {@code i} sits at key position
 * {@code i + Lk − Lq} and sees keys {@code j ≤ i + Lk − Lq}. They are built once per size and cached.
 */
record MaskBias(Tensor bias, Tensor rowHasKey) {
    /** What a masked score becomes. An additive mask entry at or below this counts as masked. */
    static final double MASKED = -1e9;

    private record CausalKey(String what, int lq, int lk, DType dtype) {
    }

    /**
     * @param mask   null; an I32 keep-mask (1 = may attend); or a float additive mask (added to
     *               the scores; {@code −∞} allowed). Either broadcasts to {@code [..., Lq, Lk]}.
     * @param causal also forbid keys after each query's position (bottom-right aligned)
     * @return null when nothing is masked
     */
    static MaskBias resolve(Tensor mask, boolean causal, int lq, int lk, DType dtype, Backend backend) {
        if (mask != null) {
            checkShape(mask, lq, lk);
        }
        if (mask == null) {
            return causal ? causal(lq, lk, dtype, backend) : null;
        }
        if (mask.dtype() == DType.I32) {
            Tensor keep = causal ? mask.mul(causalKeep(lq, lk, backend)) : mask;
            Tensor keepF = keep.to(dtype);
            return new MaskBias(keepF.sub(1).mul(-MASKED), keepF.max(new int[] {-1}, true));
        }
        Tensor bias = (mask.dtype() == dtype ? mask : mask.to(dtype)).maximum(MASKED);
        if (causal) {
            bias = bias.add(causal(lq, lk, dtype, backend).bias());
        }
        Tensor rowHasKey = bias.max(new int[] {-1}, true).gt(MASKED / 2).to(dtype);
        return new MaskBias(bias, rowHasKey);
    }

    /** The cached causal bias {@code [Lq, Lk]}; rows with no key exist only when {@code Lq > Lk}. */
    static MaskBias causal(int lq, int lk, DType dtype, Backend backend) {
        Tensor bias = ConstantCache.get(backend, new CausalKey("bias", lq, lk, dtype),
                () -> causalKeep(lq, lk, backend).to(dtype).sub(1).mul(-MASKED));
        Tensor rowHasKey = lq <= lk ? null : ConstantCache.get(backend, new CausalKey("rows", lq, lk, dtype),
                () -> Tensor.arange(lq).ge(lq - lk).reshape(lq, 1).to(dtype));
        return new MaskBias(bias, rowHasKey);
    }

    /** The cached I32 causal keep-mask {@code [Lq, Lk]}: 1 where {@code j ≤ i + Lk − Lq}. */
    static Tensor causalKeep(int lq, int lk, Backend backend) {
        return ConstantCache.get(backend, new CausalKey("keep", lq, lk, DType.I32), () -> {
            int[] keep = new int[lq * lk];
            for (int i = 0; i < lq; i++) {
                for (int j = 0; j <= Math.min(lk - 1, i + lk - lq); j++) {
                    keep[i * lk + j] = 1;
                }
            }
            return Tensor.of(keep, lq, lk);
        });
    }

    private static void checkShape(Tensor mask, int lq, int lk) {
        if (mask.rank() < 2 || (mask.dim(-2) != lq && mask.dim(-2) != 1) || (mask.dim(-1) != lk && mask.dim(-1) != 1)) {
            throw new ShapeException("attention", "mask " + mask.shape() + " does not broadcast to [..., " + lq + ", "
                    + lk + "] (queries × keys) on its last two axes");
        }
    }
}
