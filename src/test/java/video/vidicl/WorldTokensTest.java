package video.vidicl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tensor.Tensor;
import video.data.DemoKind;
import video.data.Episode;
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
    void anEpisodesContextIsItsDemonstrationsThenItsPrompt() {
        World world = new World(WorldConfig.defaults(24).withFrames(4, 3), 8);
        PatchColourTokenizer tokenizer = new PatchColourTokenizer(24, 24, 6, 4);
        Episode episode = world.episode(2, world.video(0).rule(), DemoKind.SAME, 2, 1);
        Tensor prompt = new WorldTokens(world, tokenizer).context(episode);
        Tensor demos = VidIclTransformer.inContextPrompt(List.of(
                tokenizer.encode(episode.demos().get(0).toTensor().unsqueeze(0)),
                tokenizer.encode(episode.demos().get(1).toTensor().unsqueeze(0))),
                tokenizer.encode(episode.prompt().toTensor().unsqueeze(0)));
        assertArrayEquals(new int[] {1, (4 + 4 + 1) * 16}, prompt.shape().dims());
        assertArrayEquals(demos.toIntArray(), prompt.toIntArray());
    }
}
