package nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import autograd.Variable;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import tensor.Generator;
import tensor.ShapeException;
import tensor.Shape;
import tensor.Tensor;

class EmbeddingTest {
    @Test
    void stateDictMatchesPyTorch() {
        try (Embedding e = new Embedding(10, 4, new Generator(1))) {
            assertEquals(Map.of("weight", List.of(10, 4)), LayerTesting.stateShapes(e));
        }
    }

    @Test
    void looksUpRowsAndSumsTheirGradients() {
        try (Embedding e = new Embedding(3, 2, new Generator(1))) {
            e.weight.set(Tensor.of(new float[] {0, 1, 10, 11, 20, 21}, 3, 2));
            Variable y = e.forward(Tensor.of(new int[] {2, 0, 2, 2}, 2, 2));
            assertEquals(Shape.of(2, 2, 2), y.shape());
            assertArrayEquals(new float[] {20, 21, 0, 1, 20, 21, 20, 21}, y.value().toFloatArray());
            y.sum().backward();
            assertArrayEquals(new float[] {1, 1, 0, 0, 3, 3}, e.weight.grad().toFloatArray());
        }
    }

    @Test
    void initialisedStandardNormal() {
        try (Embedding e = new Embedding(500, 8, new Generator(2))) {
            double[] w = e.weight.value().to(tensor.DType.F64).toDoubleArray();
            double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new NormalDistribution(0, 1), w);
            assertEquals(true, p > 0.001, "KS p-value " + p);
        }
    }

    @Test
    void idsMustBeI32() {
        try (Embedding e = new Embedding(3, 2, new Generator(1))) {
            assertThrows(ShapeException.class, () -> e.forward(Tensor.ones(2)));
        }
    }

    @Test
    void openClMatchesCpu() throws Exception {
        Tensor ids = Tensor.of(new int[] {3, 1, 4, 1, 5, 9, 2, 6}, 2, 4);
        LayerTesting.assertClParity(g -> new Embedding(10, 6, g),
                (m, x) -> m.forward(ids.to(x.value().backend())).mul(x), LayerTesting.normalish(new java.util.Random(3), 2, 4, 6));
    }
}
