package video.data;

import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import tensor.ShapeException;
import tensor.Tensor;

/**
 * Serves shuffled batches {@code [N, C, T, H, W]} from a {@link Dataset}, endlessly, epoch after
 * epoch.
 *
 * <ul>
 *   <li>Order: epoch {@code e} visits the dataset in the Fisher–Yates permutation drawn from a
 *       {@link SplittableRandom} seeded by {@code (seed, e)} ({@link SeededRandom}); batch {@code b} takes positions
 *       {@code [b·N, (b + 1)·N)} of it. The last incomplete batch of an epoch is dropped, so every
 *       batch has the same shape.</li>
 *   <li>Prefetch: a daemon thread reads and stacks the next batches into host arrays, holding at
 *       most {@code prefetch} of them in a bounded queue; {@link #next()} uploads the batch to the
 *       current device on the caller's thread (so it joins the caller's {@link tensor.MemoryScope}).
 *       A failure in the background thread is rethrown by {@code next()}.</li>
 *   <li>Resumption: {@link #position()} is where the next batch will be drawn from; a loader
 *       started there with the same dataset, batch size and seed serves the same batches.</li>
 * </ul>
 * {@link #close()} stops and joins the thread.
 */
public final class DataLoader implements AutoCloseable {
    private static final long ORDER_STREAM = 0x10ade5L;
    private final Dataset dataset;
    private final int batchSize;
    private final long seed;
    private final int batchesPerEpoch;
    private final BlockingQueue<Object> queue;
    private final Thread worker;
    private LoaderPosition position;
    private volatile boolean closed;

    /** A stacked batch waiting in host memory. */
    private record HostBatch(float[] data, int[] shape, int[] indices, LoaderPosition position) {
    }

    /** A failure of the background thread, handed to the consumer. */
    private record Failure(RuntimeException error) {
    }

    public DataLoader(Dataset dataset, int batchSize, long seed, int prefetch, LoaderPosition start) {
        if (batchSize <= 0 || prefetch <= 0) {
            throw new IllegalArgumentException("DataLoader: batchSize and prefetch must be positive, got "
                    + batchSize + " and " + prefetch);
        }
        if (dataset.size() < batchSize) {
            throw new IllegalArgumentException("DataLoader: dataset of " + dataset.size()
                    + " clips cannot fill one batch of " + batchSize);
        }
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.seed = seed;
        this.batchesPerEpoch = dataset.size() / batchSize;
        if (start.index() % batchSize != 0 || start.index() >= batchesPerEpoch * batchSize) {
            throw new IllegalArgumentException("DataLoader: start " + start + " is not a batch boundary inside an epoch of "
                    + batchesPerEpoch + " batches of " + batchSize);
        }
        this.position = start;
        this.queue = new ArrayBlockingQueue<>(prefetch);
        this.worker = new Thread(() -> produce(start), "zoetrope-loader");
        worker.setDaemon(true);
        worker.start();
    }

    /** Clips per batch. */
    public int batchSize() {
        return batchSize;
    }

    /** Batches per epoch: {@code floor(size / batchSize)}. */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** Where the next batch will be drawn from: store this in a checkpoint. */
    public synchronized LoaderPosition position() {
        return position;
    }

    /** The next batch (blocking until the background thread has it ready). */
    public synchronized Batch next() {
        Object item = null;
        try {
            while (item == null) {
                if (closed) {
                    throw new IllegalStateException("DataLoader: closed while waiting for a batch");
                }
                item = queue.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("DataLoader: interrupted while waiting for a batch", e);
        }
        if (item instanceof Failure f) {
            close();
            throw f.error();
        }
        HostBatch b = (HostBatch) item;
        position = b.position().next(batchSize, batchesPerEpoch);
        return new Batch(Tensor.of(b.data(), b.shape()), b.indices(), b.position());
    }

    /** The dataset order of epoch {@code epoch}: a permutation of {@code 0..size−1}. */
    public static int[] order(long seed, int epoch, int size) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        SplittableRandom rng = SeededRandom.of(seed, ORDER_STREAM, epoch);
        for (int i = size - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }

    /** Whether the background thread is still alive. */
    boolean isRunning() {
        return worker.isAlive();
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queue.clear();
    }

    private void produce(LoaderPosition start) {
        LoaderPosition at = start;
        int orderEpoch = at.epoch();
        int[] order = order(seed, orderEpoch, dataset.size());
        try {
            while (!closed) {
                if (at.epoch() != orderEpoch) {
                    orderEpoch = at.epoch();
                    order = order(seed, orderEpoch, dataset.size());
                }
                queue.put(stack(order, at));
                at = at.next(batchSize, batchesPerEpoch);
            }
        } catch (InterruptedException e) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            try {
                queue.put(new Failure(e));
            } catch (InterruptedException stop) {
                // closing anyway
            }
        }
    }

    private HostBatch stack(int[] order, LoaderPosition at) {
        int[] indices = new int[batchSize];
        Clip first = null;
        float[] data = null;
        for (int n = 0; n < batchSize; n++) {
            indices[n] = order[at.index() + n];
            Clip clip;
            try {
                clip = dataset.get(indices[n]);
            } catch (RuntimeException e) {
                throw new IllegalStateException("DataLoader: reading clip " + indices[n] + " failed: " + e.getMessage(), e);
            }
            if (first == null) {
                first = clip;
                data = new float[batchSize * clip.data().length];
            } else if (clip.channels() != first.channels() || clip.frames() != first.frames()
                    || clip.height() != first.height() || clip.width() != first.width()) {
                throw new ShapeException("DataLoader", "clip " + indices[n] + " is " + clip + " but clip " + indices[0]
                        + " of the same batch is " + first);
            }
            System.arraycopy(clip.data(), 0, data, n * clip.data().length, clip.data().length);
        }
        return new HostBatch(data, new int[] {batchSize, first.channels(), first.frames(), first.height(), first.width()},
                indices, at);
    }
}
