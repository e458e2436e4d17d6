package nn.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import autograd.GradCheck;
import autograd.Variable;
import java.util.Random;
import nn.conv.LayerChecks;
import org.junit.jupiter.api.Test;
import nn.attention.MultiHeadAttention;
import tensor.DType;
import tensor.Generator;
import tensor.ShapeException;
import tensor.Tensor;

class PerceiverArTest {
    private static final MultiHeadAttention.Config CONFIG = MultiHeadAttention.Config.of(8, 2);

    private static PerceiverAr model(double prefixDropout, Generator streams) {
        PerceiverAr p = new PerceiverAr(CONFIG, 4, 2, prefixDropout, new Generator(1), streams);
        p.to(DType.F64);
        return p;
    }

    @Test
    void latentIgnoresInputsAfterItsPosition() {
        PerceiverAr model = model(0, null);
        int length = 10;   // latents at positions 6, 7, 8, 9
        Random r = new Random(2);
        double[] base = LayerChecks.values(r, 2 * length * 8);
        for (int latent = 0; latent < 3; latent++) {
            int position = length - 4 + latent;
            double[] bumped = base.clone();
            for (int b = 0; b < 2; b++) {
                for (int i = (b * length + position + 1) * 8; i < (b + 1) * length * 8; i++) {
                    bumped[i] += r.nextGaussian();
                }
            }
            double[] a = model.forward(Variable.constant(Tensor.of(base, 2, length, 8))).value().toDoubleArray();
            double[] c = model.forward(Variable.constant(Tensor.of(bumped, 2, length, 8))).value().toDoubleArray();
            for (int b = 0; b < 2; b++) {
                for (int i = b * 4 * 8; i < (b * 4 + latent + 1) * 8; i++) {
                    assertEquals(a[i], c[i], 1e-12, "latent " + (i / 8 % 4) + " saw an input after position " + position);
                }
                assertNotEquals(a[(b * 4 + latent + 1) * 8], c[(b * 4 + latent + 1) * 8]);
            }
        }
    }

    @Test
    void prefixDropoutIsTheModelOnARandomSubsetOfThePrefix() {
        PerceiverAr model = model(0.5, new Generator(7, 3, 0));
        Tensor x = LayerChecks.uniform(new Random(3), 2, 12, 8);   // prefix 8, of which 4 are kept per sequence
        double[] trained = model.forward(Variable.constant(x)).value().toDoubleArray();

        Tensor u = Tensor.rand(new Generator(7, 3, 0), DType.F32, 2, 8);   // the draw the model made
        int[] kept = u.topk(4, 1, true).indices().toIntArray();
        double[] xa = x.toDoubleArray();
        double[] shorter = new double[2 * 8 * 8];
        for (int b = 0; b < 2; b++) {
            for (int j = 0; j < 8; j++) {
                int from = j < 4 ? kept[b * 4 + j] : 8 + (j - 4);
                System.arraycopy(xa, (b * 12 + from) * 8, shorter, (b * 8 + j) * 8, 8);
            }
        }
        model.eval();
        double[] evaluated = model.forward(Variable.constant(Tensor.of(shorter, 2, 8, 8))).value().toDoubleArray();
        assertArrayEquals(evaluated, trained, 1e-12);
        assertNotEquals(evaluated[0], model.forward(Variable.constant(x)).value().toDoubleArray()[0],
                "in evaluation mode the whole prefix is used");
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        PerceiverAr model = model(0, null);
        GradCheck.verify(in -> model.forward(in.get(0)), GradCheck.Options.defaults().withFast(true),
                LayerChecks.uniform(new Random(4), 1, 6, 8));
    }

    @Test
    void tooShortAnInputIsAShapeError() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> model(0, null).forward(Variable.constant(Tensor.zeros(DType.F64, 1, 3, 8))));
        assertEquals(true, e.getMessage().contains("PerceiverAr"), e.getMessage());
    }
}
