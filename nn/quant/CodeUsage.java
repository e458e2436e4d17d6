package nn.quant;

import tensor.DType;
import tensor.MemoryScope;
import tensor.Shape;
import tensor.Tensor;

/**
 * How a batch used a codebook of {@code K} codes: {@code counts[k]} tokens chose code {@code k}.
 * With {@code p̄ = counts / Σ counts}: perplexity {@code exp(−Σ p̄ log p̄)} (0·log 0 = 0; K when all
 * codes are used equally, 1 when one code takes everything) and the fraction of codes used. The
 * statistics read the counts back to the host.
 *
 * @param counts F32 {@code [K]}
 */
public record CodeUsage(Tensor counts) {

    /** Counts {@code codes} (I32, any shape, values in {@code [0, K)}) on their backend. */
    public static CodeUsage of(Tensor codes, int codebookSize) {
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor flat = codes.reshape(-1);
            Tensor ones = Tensor.empty(codes.backend(), DType.F32, flat.shape()).fullLike(1);
            Tensor zeros = Tensor.empty(codes.backend(), DType.F32, Shape.of(codebookSize)).fullLike(0);
            return new CodeUsage(scope.keep(zeros.scatterAdd(0, flat, ones)));
        }
    }

    public int codebookSize() {
        return counts.numel();
    }

    public double perplexity() {
        float[] c = counts.toFloatArray();
        double total = 0;
        for (float v : c) {
            total += v;
        }
        double entropy = 0;
        for (float v : c) {
            if (v > 0) {
                double p = v / total;
                entropy -= p * Math.log(p);
            }
        }
        return Math.exp(entropy);
    }

    public double usedFraction() {
        int used = 0;
        for (float v : counts.toFloatArray()) {
            if (v > 0) {
                used++;
            }
        }
        return (double) used / counts.numel();
    }
}
