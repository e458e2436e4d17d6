package video.vidicl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tensor.DType;
import tensor.Generator;
import tensor.MemoryScope;
import tensor.Tensor;
import video.magvit.MagvitTokenizer;

class MagvitVideoTokenizerTest {
    /** 2× down in space and in time, 6 bits. */
    private static final MagvitTokenizer.Config TINY =
            new MagvitTokenizer.Config(3, 4, List.of(1, 2), 1, List.of(true), 2, 6, 1.0, 0.1, 0.25, "l1", true, "zeros");

    @Test
    void tokensAreTheCodeGridsFlattenedFrameByFrameAndDecodeThroughTheTokenizer() {
        try (MagvitTokenizer magvit = new MagvitTokenizer(TINY, new Generator(1)); MemoryScope scope = MemoryScope.open()) {
            MagvitVideoTokenizer tokenizer = new MagvitVideoTokenizer(magvit, 8, 12);
            assertEquals(64, tokenizer.vocabulary());
            assertEquals(4 * 6, tokenizer.tokensPerFrame());
            assertEquals(3, tokenizer.latentFrames(5));
            Tensor clips = Tensor.rand(new Generator(7), DType.F32, 2, 3, 5, 8, 12);
            Tensor tokens = tokenizer.encode(clips);
            assertArrayEquals(new int[] {2, 3, 24}, tokens.shape().dims());
            assertEquals(DType.I32, tokens.dtype());
            Tensor grid = magvit.encode(clips).tokens();
            assertArrayEquals(grid.to(DType.I32).toIntArray(), tokens.toIntArray());
            int[] ids = tokens.toIntArray();
            assertTrue(java.util.Arrays.stream(ids).allMatch(id -> id >= 0 && id < 64));
            assertArrayEquals(magvit.decode(grid.to(DType.I32)).toFloatArray(), tokenizer.decode(tokens).toFloatArray());
        }
    }

    @Test
    void framesThatDoNotFitTheTokenizerAreRejectedWithTheReason() {
        try (MagvitTokenizer magvit = new MagvitTokenizer(TINY, new Generator(1))) {
            var size = assertThrows(IllegalArgumentException.class, () -> new MagvitVideoTokenizer(magvit, 9, 12));
            assertTrue(size.getMessage().contains("2×2 cells"), size.getMessage());
            var frames = assertThrows(IllegalArgumentException.class,
                    () -> new MagvitVideoTokenizer(magvit, 8, 12).latentFrames(4));
            assertTrue(frames.getMessage().contains("1 + 2k frames, got 4"), frames.getMessage());
        }
    }
}
