package train.models;

import video.data.WorldConfig;
import video.vidicl.PatchColourTokenizer;
import video.vidicl.VideoTokenizer;

/**
 * The config's {@code model.tokenizer} section: which video tokenizer turns clips into the tokens
 * the Vid-ICL transformer reads.
 * <ul>
 *   <li>{@code "patch-colour"}: {@link PatchColourTokenizer}, exact and not learned, {@code patch}
 *       pixels square, {@code levels} values per colour channel (vocabulary {@code levels³}).</li>
 * </ul>
 *
 * @param kind   the tokenizer's name
 * @param patch  the side of a patch in pixels (patch-colour)
 * @param levels quantisation levels per channel (patch-colour)
 */
public record TokenizerChoice(String kind, int patch, int levels) {
    public static final String PATCH_COLOUR = "patch-colour";
    public static final TokenizerChoice DEFAULTS = new TokenizerChoice(PATCH_COLOUR, 2, 4);

    public TokenizerChoice {
        if (!PATCH_COLOUR.equals(kind)) {
            throw new IllegalArgumentException("unknown tokenizer kind '" + kind + "': expected " + PATCH_COLOUR);
        }
        if (patch < 1 || levels < 2) {
            throw new IllegalArgumentException("tokenizer.patch must be at least 1 and tokenizer.levels at least 2, got "
                    + patch + " and " + levels);
        }
    }

    /** The tokenizer for frames of {@code world}'s size. */
    public VideoTokenizer build(WorldConfig world) {
        return new PatchColourTokenizer(world.height(), world.width(), patch, levels);
    }
}
