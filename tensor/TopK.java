package tensor;

/** The result of {@link Tensor#topk}: sorted values and their I32 indices along the axis. */
public record TopK(Tensor values, Tensor indices) {
}
