package video.vidicl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
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
            MagvitVideoTokenizer tokenizer = new MagvitVideoTokenizer(magvit, 8, 12, false);
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
            assertTrue(Arrays.stream(ids).allMatch(id -> id >= 0 && id < 64));
            assertArrayEquals(magvit.decode(grid.to(DType.I32)).toFloatArray(), tokenizer.decode(tokens).toFloatArray());
        }
    }

    @Test
    void framesThatDoNotFitTheTokenizerAreRejectedWithTheReason() {
        try (MagvitTokenizer magvit = new MagvitTokenizer(TINY, new Generator(1))) {
            var size = assertThrows(IllegalArgumentException.class, () -> new MagvitVideoTokenizer(magvit, 9, 12, false));
            assertTrue(size.getMessage().contains("2×2 cells"), size.getMessage());
            var frames = assertThrows(IllegalArgumentException.class,
                    () -> new MagvitVideoTokenizer(magvit, 8, 12, false).latentFrames(4));
            assertTrue(frames.getMessage().contains("1 + 2k frames, got 4"), frames.getMessage());
        }
    }

    @Test
    void frameByFrameEncodesAndDecodesEachFrameAsAnImageOfItsOwn() {
        try (MagvitTokenizer magvit = new MagvitTokenizer(TINY, new Generator(1)); MemoryScope scope = MemoryScope.open()) {
            MagvitVideoTokenizer tokenizer = new MagvitVideoTokenizer(magvit, 8, 12, true);
            assertEquals(4, tokenizer.latentFrames(4), "one latent frame per frame, whatever the time factor");
            Tensor clips = Tensor.rand(new Generator(7), DType.F32, 2, 3, 4, 8, 12);
            Tensor tokens = tokenizer.encode(clips);
            assertArrayEquals(new int[] {2, 4, 24}, tokens.shape().dims());
            Tensor decoded = tokenizer.decode(tokens);
            assertArrayEquals(new int[] {2, 3, 4, 8, 12}, decoded.shape().dims());
            for (int n = 0; n < 2; n++) {
                for (int t = 0; t < 4; t++) {
                    Tensor image = clips.slice(0, n, n + 1).slice(2, t, t + 1).contiguous();
                    Tensor alone = magvit.encode(image).tokens().to(DType.I32);
                    assertArrayEquals(alone.toIntArray(), tokens.slice(0, n, n + 1).slice(1, t, t + 1).contiguous().toIntArray(),
                            "clip " + n + " frame " + t + " has the codes of that frame alone");
                    assertArrayEquals(magvit.decode(alone).toFloatArray(),
                            decoded.slice(0, n, n + 1).slice(2, t, t + 1).contiguous().toFloatArray(),
                            "clip " + n + " frame " + t + " decodes as that frame alone");
                }
            }
        }
    }

    @Test
    void frameByFrameGivesAStillSceneTheSameCodesInEveryFrame() {
        try (MagvitTokenizer magvit = new MagvitTokenizer(TINY, new Generator(1)); MemoryScope scope = MemoryScope.open()) {
            Tensor frame = Tensor.rand(new Generator(3), DType.F32, 1, 3, 1, 8, 12);
            Tensor still = Tensor.concat(2, frame, frame, frame);
            int[] codes = new MagvitVideoTokenizer(magvit, 8, 12, true).encode(still).toIntArray();
            int[] first = Arrays.copyOfRange(codes, 0, 24);
            for (int t = 1; t < 3; t++) {
                assertArrayEquals(first, Arrays.copyOfRange(codes, 24 * t, 24 * (t + 1)), "frame " + t);
            }
        }
    }
}
