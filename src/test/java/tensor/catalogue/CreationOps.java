package tensor.catalogue;

import java.util.Arrays;
import java.util.List;
import tensor.DType;
import tensor.Generator;
import tensor.Philox;
import tensor.Tensor;
import tensor.testing.Domain;
import tensor.testing.NdArray;
import tensor.testing.OpInfo;
import tensor.testing.Sample;

/**
 * Creation ops (no tensor inputs, the dtype under test), the host round trip of {@code Tensor.of},
 * the {@code *Like} family, and the random factories against {@link Generator}'s element mapping.
 */
public final class CreationOps {
    private CreationOps() {}

    public record Fill(double value, int[] shape) {
        @Override
        public String toString() {
            return "value=" + value + ", shape=" + Arrays.toString(shape);
        }
    }

    public record Range(double start, double end, double step) {}

    public record Size(int n) {}

    public record Draw(long seed, long stream, long counter, int[] shape) {
        @Override
        public String toString() {
            return "seed=" + seed + ", stream=" + stream + ", counter=" + counter + ", shape=" + Arrays.toString(shape);
        }
    }

    public record Host(NdArray values) {}

    public static List<OpInfo<?>> all() {
        return List.of(full(), arange(), arangeInt(), eye(), of(), like("zerosLike", 0), like("onesLike", 1),
                like("fullLike", -2.5), random(false), random(true));
    }

    static OpInfo<Fill> full() {
        return OpInfo.<Fill>named("full")
                .samples(c -> Sample.of(new Fill(c.pick(0.0, 1.0, -2.5, 3.25), c.shapeOrEmpty(0, 4))))
                .op((p, in) -> Tensor.full(p.value(), in.dtype(), p.shape()))
                .reference((p, in) -> NdArray.build(p.shape(), i -> p.value()))
                .build();
    }

    /** NumPy's arange: {@code ceil((end − start) / step)} values {@code start + i·step}. */
    static OpInfo<Range> arange() {
        return OpInfo.<Range>named("arange")
                .samples(c -> {
                    double start = c.nextInt(-6, 6) * 0.5;
                    double step = c.pick(0.5, 1.0, 2.0, -1.0, -0.25);
                    return Sample.of(new Range(start, start + step * c.nextInt(-1, 3 * c.size()) + c.pick(0.0, step / 2), step));
                })
                .op((p, in) -> Tensor.arange(p.start(), p.end(), p.step(), in.dtype()))
                .reference((p, in) -> {
                    int n = (int) Math.max(0, Math.ceil((p.end() - p.start()) / p.step()));
                    return NdArray.build(new int[] {n}, i -> p.start() + i[0] * p.step());
                })
                .build();
    }

    static OpInfo<Size> arangeInt() {
        return OpInfo.<Size>named("arangeI32")
                .samples(c -> Sample.of(new Size(c.nextInt(0, 4 * c.size()))))
                .op((p, in) -> Tensor.arange(p.n()))
                .reference((p, in) -> NdArray.build(new int[] {p.n()}, i -> i[0]))
                .build();
    }

    static OpInfo<Size> eye() {
        return OpInfo.<Size>named("eye")
                .samples(c -> Sample.of(new Size(c.nextInt(0, c.size()))))
                .op((p, in) -> Tensor.eye(p.n(), in.dtype()))
                .reference((p, in) -> NdArray.build(new int[] {p.n(), p.n()}, i -> i[0] == i[1] ? 1 : 0))
                .build();
    }

    /** {@code Tensor.of} from host arrays of the dtype under test, read back unchanged. */
    static OpInfo<Host> of() {
        return OpInfo.<Host>named("of")
                .samples(c -> Sample.of(new Host(c.values(c.shapeOrEmpty(0, 4), Domain.REAL))))
                .op((p, in) -> {
                    double[] v = p.values().data();
                    if (in.dtype() == DType.F64) {
                        return Tensor.of(v.clone(), p.values().shape());
                    }
                    float[] f = new float[v.length];
                    for (int i = 0; i < v.length; i++) {
                        f[i] = (float) v[i];
                    }
                    return Tensor.of(f, p.values().shape());
                })
                .reference((p, in) -> in.dtype() == DType.F64 ? p.values() : p.values().map(v -> (float) v))
                .build();
    }

    static OpInfo<OpInfo.NoParams> like(String name, double value) {
        return OpInfo.<OpInfo.NoParams>named(name)
                .samples(c -> Sample.of(OpInfo.NoParams.NONE, c.value("x", c.shapeOrEmpty(0, 4), Domain.REAL)))
                .op((p, in) -> switch (name) {
                    case "zerosLike" -> in.get(0).zerosLike();
                    case "onesLike" -> in.get(0).onesLike();
                    default -> in.get(0).fullLike(value);
                })
                .reference((p, in) -> in.get(0).map(v -> value))
                .build();
    }

    /**
     * {@code rand}/{@code randn} from a generator at a random position: element {@code e} reads word
     * {@code e mod 4} of block {@code counter + e / 4} (and its Box–Muller partner), as
     * {@link Generator} specifies.
     */
    static OpInfo<Draw> random(boolean normal) {
        return OpInfo.<Draw>named(normal ? "randn" : "rand")
                .samples(c -> Sample.of(new Draw(c.nextInt(-5, 5) * 0x9E3779B97F4A7C15L, c.nextInt(0, 3), c.nextInt(0, 1000),
                        c.shapeOrEmpty(0, 4))))
                .op((p, in) -> {
                    Generator g = new Generator(p.seed(), p.stream(), p.counter());
                    return normal ? Tensor.randn(g, in.dtype(), p.shape()) : Tensor.rand(g, in.dtype(), p.shape());
                })
                .reference((p, in) -> {
                    int[] words = new int[4];
                    NdArray out = NdArray.zeros(p.shape());
                    for (int e = 0; e < out.numel(); e++) {
                        Philox.block(p.seed(), p.stream(), p.counter() + e / 4, words);
                        int w = e % 4;
                        out.data()[e] = normal ? Philox.normal(words[w & ~1], words[w | 1], (w & 1) == 1)
                                : in.dtype() == DType.F32 ? Philox.uniformF32(words[w]) : Philox.uniformF64(words[w]);
                    }
                    return out;
                })
                .build();
    }
}
