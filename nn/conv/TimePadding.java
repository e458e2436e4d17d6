package nn.conv;

/**
 * What a {@link CausalConv3d} puts in the frames it pads in front of the clip.
 *
 * <ul>
 *   <li>{@link #ZEROS}: zero frames, MAGVIT-v2's causal convolution as written (and MODELS.md's).
 *       A still clip then does not give still features: frame 0 meets zeros where frame 2 meets
 *       frames 0 and 1, and every causal convolution of a deep stack pushes that start-up further,
 *       so a tokenizer gives a still scene different codes in each of its first frames.</li>
 *   <li>{@link #REPLICATE}: copies of the first frame, PyTorch's {@code padding_mode="replicate"}
 *       on the time axis (the causal video VAEs of Open-Sora-Plan and CogVideoX pad this way). A
 *       clip that does not change then has every output frame equal to the first, through any
 *       stack of such convolutions, so a tokenizer gives still content the same codes in every
 *       frame. Causality is unchanged: frame 0 is still computed from frame 0 alone.</li>
 * </ul>
 * Space is zero-padded either way; the weights are the same, so state dicts move between the two.
 */
public enum TimePadding {
    ZEROS,
    REPLICATE;

    /** {@code "zeros"} or {@code "replicate"} (PyTorch's {@code padding_mode} names). */
    public static TimePadding named(String name) {
        return switch (name) {
            case "zeros" -> ZEROS;
            case "replicate" -> REPLICATE;
            default -> throw new IllegalArgumentException("time padding must be \"zeros\" or \"replicate\", got \""
                    + name + "\"");
        };
    }
}
