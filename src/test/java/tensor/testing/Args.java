package tensor.testing;

import java.util.List;
import tensor.DType;

/**
 * What an op (over {@code Tensor}s) or its reference (over {@link NdArray}s) receives: the
 * sample's inputs in order and the floating dtype under test (creation and cast ops need it).
 */
public record Args<T>(List<T> values, DType dtype) {
    public T get(int i) {
        return values.get(i);
    }

    public int count() {
        return values.size();
    }
}
