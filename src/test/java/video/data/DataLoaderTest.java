package video.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataLoaderTest {
    /** Clip i is filled with the value i / 100, so batches reveal their order. */
    private static final Dataset NUMBERED = new Dataset() {
        @Override
        public int size() {
            return 10;
        }

        @Override
        public Clip get(int index) {
            float[] data = new float[3 * 2 * 4 * 4];
            Arrays.fill(data, index / 100f);
            return new Clip(3, 2, 4, 4, data);
        }
    };

    @Test
    void ordersArePermutationsFixedBySeedAndEpoch() {
        int[] a = DataLoader.order(1, 0, 50);
        assertArrayEquals(a, DataLoader.order(1, 0, 50));
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 50; i++) {
            assertEquals(i, sorted[i]);
        }
        assertFalse(Arrays.equals(a, DataLoader.order(1, 1, 50)));
        assertFalse(Arrays.equals(a, DataLoader.order(2, 0, 50)));
    }

    @Test
    void batchesStackTheShuffledClipsAndDropTheRemainder() {
        try (DataLoader loader = new DataLoader(NUMBERED, 3, 7, 2, LoaderPosition.START)) {
            assertEquals(3, loader.batchesPerEpoch());
            int[] order0 = DataLoader.order(7, 0, 10), order1 = DataLoader.order(7, 1, 10);
            for (int b = 0; b < 4; b++) {
                try (Batch batch = loader.next()) {
                    assertArrayEquals(new int[] {3, 3, 2, 4, 4}, batch.videos().shape().dims());
                    int[] expected = b < 3 ? Arrays.copyOfRange(order0, 3 * b, 3 * b + 3) : Arrays.copyOfRange(order1, 0, 3);
                    assertArrayEquals(expected, batch.indices(), "batch " + b);
                    float[] values = batch.videos().toFloatArray();
                    for (int n = 0; n < 3; n++) {
                        assertEquals(expected[n] / 100f, values[n * 96 + 95]);
                    }
                }
            }
            assertEquals(new LoaderPosition(1, 3), loader.position());
        }
    }

    @Test
    void aLoaderResumedAtAPositionServesWhatAnUnbrokenOneWould() {
        World world = new World(WorldConfig.defaults(24).withFrames(4, 2), 3);
        Dataset videos = new WorldDataset(world, 9);
        List<int[]> unbroken = new ArrayList<>();
        List<float[]> unbrokenData = new ArrayList<>();
        LoaderPosition saved = null;
        try (DataLoader loader = new DataLoader(videos, 2, 11, 3, LoaderPosition.START)) {
            for (int b = 0; b < 9; b++) {
                if (b == 5) {
                    saved = loader.position();
                }
                try (Batch batch = loader.next()) {
                    unbroken.add(batch.indices());
                    unbrokenData.add(batch.videos().toFloatArray());
                }
            }
        }
        assertEquals(new LoaderPosition(1, 2), saved, "4 batches per epoch: batch 5 is epoch 1's second");
        try (DataLoader resumed = new DataLoader(videos, 2, 11, 1, saved)) {
            for (int b = 5; b < 9; b++) {
                try (Batch batch = resumed.next()) {
                    assertArrayEquals(unbroken.get(b), batch.indices());
                    assertArrayEquals(unbrokenData.get(b), batch.videos().toFloatArray());
                }
            }
        }
        try (DataLoader other = new DataLoader(videos, 2, 12, 1, LoaderPosition.START); Batch batch = other.next()) {
            assertNotEquals(Arrays.toString(unbroken.get(0)), Arrays.toString(batch.indices()), "another seed, another order");
        }
    }

    @Test
    void closeStopsTheBackgroundThread() {
        DataLoader loader = new DataLoader(NUMBERED, 2, 1, 2, LoaderPosition.START);
        loader.next().close();
        assertTrue(loader.isRunning(), "the prefetcher waits on a full queue");
        loader.close();
        assertFalse(loader.isRunning());
        assertThrows(IllegalStateException.class, loader::next);
    }

    @Test
    void aFailingClipIsReportedByNext() {
        Dataset broken = new Dataset() {
            @Override
            public int size() {
                return 4;
            }

            @Override
            public Clip get(int index) {
                if (index == 2) {
                    throw new IllegalArgumentException("clip.mp4: cannot decode");
                }
                return NUMBERED.get(index);
            }
        };
        try (DataLoader loader = new DataLoader(broken, 4, 1, 1, LoaderPosition.START)) {
            var e = assertThrows(IllegalStateException.class, loader::next);
            assertEquals("DataLoader: reading clip 2 failed: clip.mp4: cannot decode", e.getMessage());
            assertFalse(loader.isRunning());
        }
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new DataLoader(NUMBERED, 11, 1, 1, LoaderPosition.START));
        assertThrows(IllegalArgumentException.class, () -> new DataLoader(NUMBERED, 3, 1, 1, new LoaderPosition(0, 2)));
    }
}
