package nn.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import autograd.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import nn.Module;
import nn.block.GptBlock;
import nn.block.LlamaBlock;
import nn.block.PerceiverAr;
import org.junit.jupiter.api.Test;
import tensor.Backend;
import tensor.DType;
import tensor.Devices;
import tensor.Generator;
import tensor.MemoryScope;
import tensor.Tensor;
import tensor.cl.OpenCl;

/**
 * Every attention layer and block gives the same outputs and gradients (input and parameters) on
 * the OpenCL backend as on the CPU reference, in F32. Skips without an OpenCL device (fails under CI).
 */
class AttentionClParityTest {
    private static final MultiHeadAttention.Config CONFIG = MultiHeadAttention.Config.of(8, 2);

    /** Output, input gradient and parameter gradients of {@code sum(f(x)²)}, as float arrays. */
    private static <M extends Module> List<float[]> run(Backend backend, Supplier<M> make,
                                                        BiFunction<M, Variable, Variable> f, int... shape) throws Exception {
        try (Devices.Selection device = Devices.use(backend); MemoryScope scope = MemoryScope.open()) {
            M module = make.get();
            module.to(backend);
            Variable x = Variable.parameter(Tensor.randn(new Generator(5), DType.F32, shape));
            Variable out = f.apply(module, x);
            out.square().sum().backward();
            List<float[]> all = new ArrayList<>();
            all.add(out.value().toFloatArray());
            all.add(x.grad().toFloatArray());
            module.parameters().forEach(p -> all.add(p.grad().toFloatArray()));
            module.close();
            return all;
        }
    }

    private static <M extends Module> void assertParity(Supplier<M> make, BiFunction<M, Variable, Variable> f,
                                                        int... shape) throws Exception {
        Backend cl = OpenCl.backend();
        List<float[]> want = run(Devices.cpu(), make, f, shape);
        List<float[]> got = run(cl, make, f, shape);
        for (int i = 0; i < want.size(); i++) {
            for (int j = 0; j < want.get(i).length; j++) {
                float w = want.get(i)[j];
                assertEquals(w, got.get(i)[j], 2e-4 + 2e-3 * Math.abs(w), (i == 0 ? "output" : i == 1 ? "input gradient"
                        : "gradient of parameter " + (i - 2)) + ", element " + j);
            }
        }
    }

    @Test
    void multiHeadAttentionCausalWithRotary() throws Exception {
        assertParity(() -> new MultiHeadAttention(CONFIG.withRotary(true), new Generator(1)),
                (m, x) -> m.forward(x, AttentionPattern.CAUSAL), 2, 7, 8);
    }

    @Test
    void maskedCoreWithAnEmptyRow() throws Exception {
        int[] keep = new int[6 * 6];
        for (int i = 0; i < 36; i++) {
            keep[i] = (i * 7 % 5 != 0 && i / 6 != 2) ? 1 : 0;   // row 2 keeps nothing
        }
        assertParity(() -> new MultiHeadAttention(CONFIG, new Generator(2)),
                (m, x) -> m.forward(x, AttentionPattern.dense(
                        tensor.Tensor.of(keep, 6, 6).to(x.value().backend()), false)), 1, 6, 8);
    }

    @Test
    void windowAttention() throws Exception {
        assertParity(() -> WindowAttention.spatiotemporal(CONFIG, new WindowAttention.Window(2, 2, 2), new Generator(3)),
                WindowAttention::forward, 1, 2, 4, 4, 8);
    }

    @Test
    void axialAttention() throws Exception {
        assertParity(() -> new AxialAttention(CONFIG, new Generator(4)), AxialAttention::forward, 1, 2, 3, 4, 8);
    }

    @Test
    void nearbyAttention3d() throws Exception {
        assertParity(() -> new NearbyAttention3d(CONFIG, new VideoGrid(2, 3, 3), new VideoGrid(1, 1, 1), true,
                new Generator(5)), NearbyAttention3d::forward, 1, 3, 4, 4, 8);
    }

    @Test
    void gptAndLlamaBlocks() throws Exception {
        assertParity(() -> new GptBlock(8, 2, new Generator(6)), GptBlock::forward, 2, 5, 8);
        assertParity(() -> new LlamaBlock(8, 2, 16, 1e-6, new Generator(7)), LlamaBlock::forward, 2, 5, 8);
    }

    @Test
    void perceiverAr() throws Exception {
        assertParity(() -> new PerceiverAr(CONFIG, 3, 1, 0, new Generator(8), null), PerceiverAr::forward, 2, 9, 8);
    }
}
