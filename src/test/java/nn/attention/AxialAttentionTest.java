package nn.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import autograd.GradCheck;
import autograd.Variable;
import java.util.List;
import java.util.Random;
import nn.conv.LayerChecks;
import org.junit.jupiter.api.Test;
import tensor.DType;
import tensor.Generator;
import tensor.Tensor;

class AxialAttentionTest {
    private static AxialAttention layer(long seed) {
        AxialAttention axial = new AxialAttention(MultiHeadAttention.Config.of(4, 2), new Generator(seed));
        axial.to(DType.F64);
        return axial;
    }

    @Test
    void sumsAttentionAlongEachAxisAlone() {
        AxialAttention axial = layer(1);
        VideoGrid g = new VideoGrid(2, 3, 2);
        Tensor x = LayerChecks.uniform(new Random(2), 2, 2, 3, 2, 4);
        Variable tokens = Variable.constant(x.reshape(2, g.size(), 4));
        Variable want = null;
        MultiHeadAttention[] attns = {axial.attnT, axial.attnH, axial.attnW};
        for (int axis = 0; axis < 3; axis++) {
            int a = axis;
            Tensor line = GridMasks.keep(g, (p, q) -> {
                for (int i = 0; i < 3; i++) {
                    if (i != a && p[i] != q[i]) {
                        return false;
                    }
                }
                return true;
            });
            Variable one = attns[axis].forward(tokens, AttentionPattern.dense(line, false));
            want = want == null ? one : want.add(one);
        }
        assertArrayEquals(want.value().toDoubleArray(), axial.forward(Variable.constant(x)).value().toDoubleArray(), 1e-12);
    }

    @Test
    void parameterNamesFollowVideoGpt() {
        List<String> names = List.copyOf(layer(3).stateDict().keySet());
        assertEquals("attn_w.q_proj.weight", names.get(0));
        assertEquals(24, names.size());
        assertEquals("attn_t.o_proj.bias", names.get(23));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        AxialAttention axial = layer(4);
        GradCheck.verify(in -> axial.forward(in.get(0)), GradCheck.Options.defaults().withFast(true),
                LayerChecks.uniform(new Random(5), 1, 2, 2, 3, 4));
    }
}
