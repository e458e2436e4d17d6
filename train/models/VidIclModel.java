package train.models;

/**
 * The config's {@code model} section for Vid-ICL: the Llama decoder's size and the tokenizer. The
 * vocabulary comes from the tokenizer and the context from the data (one whole video).
 */
public record VidIclModel(int width, int layers, int heads, int hidden, TokenizerChoice tokenizer) {
    public static final VidIclModel DEFAULTS = new VidIclModel(64, 2, 4, 192, TokenizerChoice.DEFAULTS);

    public VidIclModel {
        if (width < 1 || layers < 1 || heads < 1 || hidden < 1) {
            throw new IllegalArgumentException("model.width, layers, heads and hidden must be at least 1, got "
                    + width + ", " + layers + ", " + heads + ", " + hidden);
        }
        if (width % heads != 0 || (width / heads) % 2 != 0) {
            throw new IllegalArgumentException("model.heads (" + heads + ") must divide model.width (" + width
                    + ") into an even head dimension (for RoPE)");
        }
        if (tokenizer == null) {
            throw new IllegalArgumentException("model.tokenizer must be an object");
        }
    }
}
