package nn;

import tensor.DType;
import tensor.Generator;
import tensor.MemoryScope;
import tensor.Tensor;

/**
 * Seeded initial values for parameters (PyTorch's {@code nn.init}, with PyTorch's layer defaults).
 * Every draw comes from a {@link Generator}, so a model built twice from the same seed is
 * identical, on any backend. The results are F32 tensors owned by the caller's scope (or none).
 *
 * <p>PyTorch's defaults, which the layers of {@code nn} follow:
 * <ul>
 *   <li>{@code Linear}, {@code Conv*}: weight {@code kaiming_uniform(a = √5)}, i.e.
 *       {@code U(−b, b)} with {@code b = gain·√(3 / fan_in)}, {@code gain = √(2 / (1 + a²)) = √(1/3)},
 *       so {@code b = 1/√fan_in}; bias {@code U(−1/√fan_in, 1/√fan_in)} (He et al., "Delving Deep
 *       into Rectifiers", 2015). {@code fan_in} is the number of inputs of one output unit:
 *       {@code in} for Linear, {@code in/groups · kT·kH·kW} for a convolution.</li>
 *   <li>{@code Embedding}: {@code N(0, 1)}.</li>
 *   <li>{@code LayerNorm}, {@code GroupNorm}, {@code RMSNorm}: weight ones, bias zeros.</li>
 * </ul>
 */
public final class Init {
    private Init() {}

    /** {@code U(−bound, bound)}. */
    public static Tensor uniform(Generator gen, double bound, int... shape) {
        try (MemoryScope scope = MemoryScope.open()) {
            return scope.keep(Tensor.rand(gen, DType.F32, shape).mul(2 * bound).sub(bound));
        }
    }

    /** {@code N(0, std²)}. */
    public static Tensor normal(Generator gen, double std, int... shape) {
        try (MemoryScope scope = MemoryScope.open()) {
            return scope.keep(Tensor.randn(gen, DType.F32, shape).mul(std));
        }
    }

    /**
     * PyTorch's default for Linear and convolution weights and biases: {@code U(−1/√fan_in, 1/√fan_in)}
     * (zeros when {@code fan_in = 0}).
     */
    public static Tensor fanInUniform(Generator gen, int fanIn, int... shape) {
        return uniform(gen, fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0, shape);
    }
}
