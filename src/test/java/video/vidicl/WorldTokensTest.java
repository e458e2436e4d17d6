package video.vidicl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tensor.Tensor;
import video.data.World;
import video.data.WorldConfig;

class WorldTokensTest {

    @Test
    void aVideoIsItsFramesTokensOneAfterAnotherWithoutSeparators() {
        World world = new World(WorldConfig.defaults(24).withFrames(3, 2), 7);
        PatchColourTokenizer tokenizer = new PatchColourTokenizer(24, 24, 6, 4);
        WorldTokens tokens = new WorldTokens(world, tokenizer);
        assertEquals(6 * 16, tokens.sequenceLength());
        int[] sequences = tokens.sequences(3, 2).toIntArray();
        assertEquals(2 * 96, sequences.length);
        for (int v = 0; v < 2; v++) {
            var clip = world.video(3 + v).clip();
            for (int t = 0; t < 6; t++) {
                Tensor frame = clip.frames(t, t + 1).toTensor().unsqueeze(0);
                int[] own = tokenizer.encode(frame).toIntArray();
                assertArrayEquals(own, Arrays.copyOfRange(sequences, v * 96 + t * 16, v * 96 + (t + 1) * 16),
                        "video " + (3 + v) + ", frame " + t);
            }
        }
    }

    @Test
    void eachSegmentIsTokenizedOnItsOwnSoATokenizerThatLooksBackNeverSeesTheSceneBefore() {
        World world = new World(WorldConfig.defaults(24).withFrames(3, 2), 5);
        int[] sequence = new WorldTokens(world, new FrameIndexTokenizer()).sequences(0, 1).toIntArray();
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2}, sequence, "frame t's token is t within its own segment");
    }

    /** One token per frame: the frame's index within the clip it was given (a tokenizer with memory). */
    private static final class FrameIndexTokenizer implements VideoTokenizer {
        @Override
        public int vocabulary() {
            return 16;
        }

        @Override
        public int tokensPerFrame() {
            return 1;
        }

        @Override
        public int latentFrames(int frames) {
            return frames;
        }

        @Override
        public Tensor encode(Tensor clips) {
            int n = clips.dim(0);
            int frames = clips.dim(2);
            int[] ids = new int[n * frames];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = i % frames;
            }
            return Tensor.of(ids, n, frames, 1);
        }

        @Override
        public Tensor decode(Tensor tokens) {
            throw new UnsupportedOperationException("not needed here");
        }
    }
}
