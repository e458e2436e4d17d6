package video.vidicl;

import tensor.Generator;
import tensor.ShapeException;
import tensor.Tensor;
import tensor.TopK;

/**
 * How the next token is drawn from the logits: temperature and top-k (Fan et al., "Hierarchical
 * Neural Story Generation", 2018). With {@code z} the logits of one position:
 * <pre>
 *   C      = the topK largest entries of z                  (every entry when topK = 0)
 *   p(c)   = softmax(z_C / temperature)(c)   for c ∈ C,  0 elsewhere
 * </pre>
 * drawn by the Gumbel-max trick (Gumbel 1954; Maddison et al., 2014): {@code argmax_c z_c/τ + g_c}
 * with {@code g_c = −log(−log u_c)}, {@code u_c ~ U[0, 1)} from the {@link Generator}, which is
 * exactly a draw from {@code p}. Every call draws {@code N·|C|} uniforms, so a seed fixes the
 * whole sequence of draws. {@code topK = 1} keeps only the largest logit: greedy decoding, whatever
 * the temperature and the noise.
 *
 * @param temperature τ &gt; 0; below 1 sharpens, above 1 flattens
 * @param topK        how many candidates to keep, {@code 0} for the whole vocabulary
 */
public record Sampling(double temperature, int topK) {

    public Sampling {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("Sampling: temperature must be finite and > 0, got " + temperature
                    + " (use topK = 1 for greedy decoding)");
        }
        if (topK < 0) {
            throw new IllegalArgumentException("Sampling: topK must be ≥ 0 (0 keeps the whole vocabulary), got " + topK);
        }
    }

    /** Always the most likely token. */
    public static Sampling greedy() {
        return new Sampling(1, 1);
    }

    /**
     * One token per row of {@code logits [N, V]}: an I32 tensor {@code [N, 1]} on the logits' backend.
     */
    public Tensor draw(Tensor logits, Generator gen) {
        if (logits.rank() != 2) {
            throw new ShapeException("Sampling.draw", "logits must be [N, vocabulary], got " + logits.shape());
        }
        int vocabulary = logits.dim(1);
        if (topK > vocabulary) {
            throw new ShapeException("Sampling.draw", "topK " + topK + " exceeds the vocabulary of " + vocabulary
                    + " (logits " + logits.shape() + ", axis 1)");
        }
        int keep = topK == 0 ? vocabulary : topK;
        TopK candidates = logits.topk(keep, 1, true);                          // [N, keep], largest first
        Tensor uniform = Placement.onBackendOf(Tensor.rand(gen, logits.dtype(), logits.dim(0), keep), logits);
        Tensor gumbel = uniform.log().neg().log().neg();
        Tensor choice = candidates.values().div(temperature).add(gumbel).argmax(1, true);   // [N, 1]
        return candidates.indices().gather(1, choice);
    }
}
