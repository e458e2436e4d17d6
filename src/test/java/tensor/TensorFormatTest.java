package tensor;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class TensorFormatTest {

    @Test
    void matrixOfWholeNumbers() {
        assertEquals("tensor([[1., 2.],\n        [3., 4.]], dtype=F32)", Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).toString());
    }

    @Test
    void integersAlignRight() {
        assertEquals("tensor([[[ 0,  1],\n         [ 2,  3]],\n\n        [[ 4,  5],\n         [-6, 17]]], dtype=I32)",
                Tensor.of(new int[] {0, 1, 2, 3, 4, 5, -6, 17}, 2, 2, 2).toString());
        assertEquals("tensor([0, 1, 2], dtype=I32)", Tensor.arange(3).toString());
    }

    @Test
    void fixedScientificAndNonFinite() {
        assertEquals("tensor([ 0.5000, -1.2500,     nan,    -inf], dtype=F64)",
                Tensor.of(new double[] {0.5, -1.25, Double.NaN, Double.NEGATIVE_INFINITY}, 4).toString());
        assertEquals("tensor([1.0000e-05, 2.5000e+00], dtype=F64)", Tensor.of(new double[] {1e-5, 2.5}, 2).toString());
        assertEquals("tensor([1.0000e+08, 1.0000e+00], dtype=F32)", Tensor.of(new float[] {1e8f, 1}, 2).toString());
        assertEquals("tensor([   1.5000, 1000.0000], dtype=F32)", Tensor.of(new float[] {1.5f, 1000}, 2).toString());
        assertEquals("tensor([1.5000e+00, 2.0000e+03], dtype=F32)", Tensor.of(new float[] {1.5f, 2000}, 2).toString());
    }

    @Test
    void scalarsAndEmptyTensors() {
        assertEquals("tensor(0.5000, dtype=F64)", Tensor.scalar(0.5, DType.F64).toString());
        assertEquals("tensor(3., dtype=F32)", Tensor.scalar(3).toString());
        assertEquals("tensor(-7, dtype=I32)", Tensor.scalar(-7, DType.I32).toString());
        assertEquals("tensor([], shape=[0, 3], dtype=F32)", Tensor.zeros(0, 3).toString());
    }

    @Test
    void largeTensorsAreSummarised() {
        Tensor x = Tensor.arange(0, 2000, 1, DType.I32).reshape(2, 1000);
        assertEquals("tensor([[   0,    1,    2, ...,  997,  998,  999],\n"
                + "        [1000, 1001, 1002, ..., 1997, 1998, 1999]], dtype=I32)", x.toString());
        Tensor y = Tensor.arange(0, 1001, 1, DType.I32).reshape(1001, 1);
        assertEquals("tensor([[   0],\n        [   1],\n        [   2],\n        ...,\n"
                + "        [ 998],\n        [ 999],\n        [1000]], dtype=I32)", y.toString());
        assertEquals("tensor([0, 1, 2, 3, 4, 5, 6, 7], dtype=I32)", Tensor.arange(8).toString(), "small: not summarised");
    }

    @Test
    void stridedViewsPrintTheirLogicalElements() {
        Tensor x = Tensor.of(new int[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor t = x.view(Shape.of(3, 2), new int[] {1, 3}, 0); // the transpose
        assertEquals("tensor([[1, 4],\n        [2, 5],\n        [3, 6]], dtype=I32)", t.toString());
        Tensor b = x.view(Shape.of(2, 2), new int[] {0, -1}, 2); // broadcast rows, reversed
        assertEquals("tensor([[3, 2],\n        [3, 2]], dtype=I32)", b.toString());
    }

    @Test
    void closedTensorsSaySo() {
        Tensor x = Tensor.zeros(2);
        x.close();
        assertEquals("Tensor(closed, shape=[2])", x.toString());
    }

    @Test
    void otherDevicesAreNamed() {
        Backend other = OtherBackend.create();
        Tensor t = Tensor.over(OtherBackend.storage(other, DType.F32, 0), Shape.of(0));
        assertEquals("tensor([], shape=[0], dtype=F32, device=other)", t.toString());
    }
}
