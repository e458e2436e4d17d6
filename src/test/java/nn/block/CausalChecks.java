package nn.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import autograd.Grad;
import autograd.Variable;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import nn.attention.KvCache;
import nn.conv.LayerChecks;
import tensor.MemoryScope;
import tensor.Tensor;

/** Properties every causal block must have, checked on {@code [N, L, E]} inputs. */
final class CausalChecks {
    private CausalChecks() {}

    /** Changing the inputs after position {@code s} leaves outputs up to {@code s} unchanged (and changes the next). */
    static void futureDoesNotLeakBack(Function<Variable, Variable> block, int n, int length, int e, int s) {
        Random r = new Random(100);
        double[] base = LayerChecks.values(r, n * length * e);
        double[] bumped = base.clone();
        for (int b = 0; b < n; b++) {
            for (int i = (b * length + s + 1) * e; i < (b + 1) * length * e; i++) {
                bumped[i] += r.nextGaussian();
            }
        }
        double[] a = block.apply(Variable.constant(Tensor.of(base, n, length, e))).value().toDoubleArray();
        double[] c = block.apply(Variable.constant(Tensor.of(bumped, n, length, e))).value().toDoubleArray();
        for (int b = 0; b < n; b++) {
            for (int i = b * length * e; i < (b * length + s + 1) * e; i++) {
                assertEquals(a[i], c[i], 1e-12, "output " + i + " moved when only later inputs changed");
            }
            assertNotEquals(a[(b * length + s + 1) * e], c[(b * length + s + 1) * e]);
        }
    }

    /** Feeding the sequence one token at a time through a cache gives the full pass's outputs. */
    static void cacheMatchesFullPass(Function<Variable, Variable> full, BiFunction<Variable, KvCache, Variable> step,
                                     int n, int length, int e) {
        Tensor x = LayerChecks.uniform(new Random(101), n, length, e);
        try (Grad.Mode off = Grad.noGrad(); KvCache cache = new KvCache()) {
            double[] all = full.apply(Variable.constant(x)).value().toDoubleArray();
            for (int s = 0; s < length; s++) {
                try (MemoryScope scope = MemoryScope.open()) {
                    double[] one = step.apply(Variable.constant(x.slice(1, s, s + 1)), cache).value().toDoubleArray();
                    for (int b = 0; b < n; b++) {
                        for (int f = 0; f < e; f++) {
                            assertEquals(all[(b * length + s) * e + f], one[b * e + f], 1e-12, "position " + s);
                        }
                    }
                }
            }
        }
    }
}
