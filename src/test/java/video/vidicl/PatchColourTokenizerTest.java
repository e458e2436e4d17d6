package video.vidicl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tensor.ShapeException;
import tensor.Tensor;
import video.data.World;
import video.data.WorldConfig;

class PatchColourTokenizerTest {
    private final PatchColourTokenizer tokenizer = new PatchColourTokenizer(8, 12, 4, 3);   // 2×3 patches, 27 tokens

    @Test
    void sizes() {
        assertEquals(27, tokenizer.vocabulary());
        assertEquals(6, tokenizer.tokensPerFrame());
        assertEquals(5, tokenizer.latentFrames(5));
    }

    @Test
    void decodingThenEncodingGivesBackTheTokens() {
        Random r = new Random(1);
        Tensor tokens = Tensor.of(IntStream.range(0, 2 * 3 * 6).map(i -> r.nextInt(27)).toArray(), 2, 3, 6);
        Tensor clips = tokenizer.decode(tokens);
        assertArrayEquals(new int[] {2, 3, 3, 8, 12}, clips.shape().dims());
        assertArrayEquals(tokens.toIntArray(), tokenizer.encode(clips).toIntArray());
    }

    @Test
    void aTokenIsItsPatchsQuantisedMeanColourInRasterOrder() {
        float[] pixels = new float[3 * 8 * 12];
        // patch (row 1, col 2) = token index 5: red mean 0.9 → level 2, green 0.3 → 1, blue 0 → 0
        for (int y = 4; y < 8; y++) {
            for (int x = 8; x < 12; x++) {
                pixels[y * 12 + x] = y % 2 == 0 ? 0.8f : 1.0f;
                pixels[96 + y * 12 + x] = 0.3f;
            }
        }
        int[] tokens = tokenizer.encode(Tensor.of(pixels, 1, 3, 1, 8, 12)).toIntArray();
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, (2 * 3 + 1) * 3}, tokens);
    }

    @Test
    void worldVideosRoundTripToTheirQuantisedSelves() {
        World world = new World(WorldConfig.defaults(24).withFrames(3, 1), 5);
        PatchColourTokenizer coarse = new PatchColourTokenizer(24, 24, 4, 4);
        Tensor clip = world.video(0).clip().toTensor().unsqueeze(0);
        Tensor tokens = coarse.encode(clip);
        assertArrayEquals(tokens.toIntArray(), coarse.encode(coarse.decode(tokens)).toIntArray());
    }

    @Test
    void badShapesAreRefused() {
        assertThrows(ShapeException.class, () -> tokenizer.encode(Tensor.zeros(1, 3, 1, 8, 8)));
        assertThrows(ShapeException.class, () -> tokenizer.decode(Tensor.zeros(1, 1, 6)));
        assertThrows(IllegalArgumentException.class, () -> tokenizer.decode(Tensor.of(new int[] {0, 0, 0, 0, 0, 27}, 1, 1, 6)));
        assertThrows(IllegalArgumentException.class, () -> new PatchColourTokenizer(10, 12, 4, 3));
    }
}
