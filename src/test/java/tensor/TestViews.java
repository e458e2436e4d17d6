package tensor;

/** Test access to {@link Tensor}'s package-private view constructor, for building arbitrary strided inputs. */
public final class TestViews {
    private TestViews() {}

    /** A view of {@code t}'s storage with any shape, strides (zero and negative allowed) and offset. */
    public static Tensor view(Tensor t, int[] dims, int[] strides, int offset) {
        return t.view(Shape.of(dims), strides.clone(), offset);
    }
}
