package train.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tensor.MemoryScope;
import tensor.Tensor;
import video.data.World;

class WorldClipsTest {
    private static final WorldClips.Config SMALL = new WorldClips.Config(8, 2, 6);

    private static List<float[]> draw(WorldClips clips, int batches) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < batches; i++) {
            out.add(clips.next(2).toFloatArray());
        }
        return out;
    }

    @Test
    void eachEpochVisitsEveryClipOnceAndTheNextShufflesAgain() {
        try (MemoryScope scope = MemoryScope.open(); WorldClips clips = new WorldClips(SMALL, 7)) {
            World world = new World(SMALL.world(), 7);
            List<float[]> batches = draw(clips, 6); // two epochs of three batches
            List<Integer> order = new ArrayList<>();
            for (float[] batch : batches) {
                int half = batch.length / 2;
                for (int n = 0; n < 2; n++) {
                    float[] example = Arrays.copyOfRange(batch, n * half, (n + 1) * half);
                    order.add(indexOf(world, example));
                }
            }
            assertEquals(Set.of(0, 1, 2, 3, 4, 5), new HashSet<>(order.subList(0, 6)), order.toString());
            assertEquals(Set.of(0, 1, 2, 3, 4, 5), new HashSet<>(order.subList(6, 12)), order.toString());
            assertEquals(12, clips.position());
        }
    }

    @Test
    void seekingServesWhatAnUnbrokenSourceServed() {
        try (MemoryScope scope = MemoryScope.open(); WorldClips straight = new WorldClips(SMALL, 3);
             WorldClips resumed = new WorldClips(SMALL, 3)) {
            List<float[]> expected = draw(straight, 5);
            resumed.seek(4); // after two batches, mid-epoch
            List<float[]> rest = draw(resumed, 3);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(expected.get(2 + i), rest.get(i), "batch " + (2 + i));
            }
            resumed.seek(0);
            assertArrayEquals(expected.get(0), resumed.next(2).toFloatArray());
        }
    }

    @Test
    void aBatchLargerThanTheDatasetNamesBothSettings() {
        try (MemoryScope scope = MemoryScope.open(); WorldClips clips = new WorldClips(SMALL, 1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> clips.next(8));
            assertEquals("WorldClips: data.clips is 6 but a batch takes 8 clips: raise data.clips or lower batch_size",
                    e.getMessage());
        }
    }

    private static int indexOf(World world, float[] example) {
        for (int i = 0; i < SMALL.clips(); i++) {
            Tensor t = world.video(i).clip().toTensor();
            if (Arrays.equals(t.toFloatArray(), example)) {
                return i;
            }
        }
        throw new AssertionError("a served example is none of the dataset's clips");
    }
}
