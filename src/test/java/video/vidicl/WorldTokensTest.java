package video.vidicl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tensor.Generator;
import tensor.MemoryScope;
import tensor.Tensor;
import video.data.Clip;
import video.data.World;
import video.data.WorldConfig;
import video.magvit.MagvitTokenizer;

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
    void eachSegmentIsTokenizedOnItsOwnSoACausalTokenizerNeverLooksBackAcrossASceneCut() {
        World world = new World(WorldConfig.defaults(24).withFrames(3, 2), 5);
        var config = new MagvitTokenizer.Config(3, 4, List.of(1, 2), 1, List.of(false), 2, 6, 1.0, 0.1, 0.25, "l1", true, "zeros");
        try (MagvitTokenizer magvit = new MagvitTokenizer(config, new Generator(1)); MemoryScope scope = MemoryScope.open()) {
            MagvitVideoTokenizer tokenizer = new MagvitVideoTokenizer(magvit, 24, 24, false);
            int[] sequence = new WorldTokens(world, tokenizer).sequences(0, 1).toIntArray();
            Clip video = world.video(0).clip();
            int[] first = tokenizer.encode(video.frames(0, 3).toTensor().unsqueeze(0)).toIntArray();
            int[] second = tokenizer.encode(video.frames(3, 6).toTensor().unsqueeze(0)).toIntArray();
            assertArrayEquals(first, Arrays.copyOfRange(sequence, 0, first.length));
            assertArrayEquals(second, Arrays.copyOfRange(sequence, first.length, sequence.length));
            int[] whole = tokenizer.encode(video.toTensor().unsqueeze(0)).toIntArray();
            assertFalse(Arrays.equals(whole, sequence), "encoded whole, the second scene's codes see the first scene");
        }
    }
}
