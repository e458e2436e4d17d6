package tensor.cl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import tensor.BinaryOp;
import tensor.DType;
import tensor.Shape;
import tensor.Tensor;

class ClSmokeTest {
    @Test
    void addsTwoVectors() {
        ClBackend cl = OpenCl.backend();
        Tensor a = HostData.upload(cl, new float[] {1, 2, 3}, 3);
        Tensor b = HostData.upload(cl, new float[] {10, 20, 30}, 3);
        Tensor out = Tensor.empty(cl, DType.F32, Shape.of(3));
        cl.binary(BinaryOp.ADD, a, b, out);
        assertArrayEquals(new float[] {11, 22, 33}, HostData.values(out));
    }
}
