package tensor.cl;

import static org.jocl.CL.*;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.jocl.CLException;
import org.jocl.cl_mem;

/**
 * A caching allocator of device buffers. Requests are rounded up to a size class (powers of two
 * split into four steps, so at most 25% is wasted); a freed buffer goes back to its class's free
 * list and the next request of that class reuses it without calling the driver. Reuse is safe
 * because the device has one in-order queue: every kernel that used the buffer before it was
 * freed runs before any kernel of its next owner.
 *
 * <p>When the driver refuses a new buffer, the cache is emptied and the allocation tried once more.
 */
final class ClAllocator {
    private static final long MIN_CLASS = 256;

    private final ClBackend backend;
    private final Map<Long, ArrayDeque<cl_mem>> free = new HashMap<>();
    private long cachedBytes;
    private long heldBytes;

    ClAllocator(ClBackend backend) {
        this.backend = backend;
    }

    /** The size class of a request: the smallest {@code 2^k · (4 + j) / 4}, {@code j ∈ 0..3}, that holds it. */
    static long sizeClass(long bytes) {
        if (bytes <= MIN_CLASS) {
            return MIN_CLASS;
        }
        long power = Long.highestOneBit(bytes - 1);
        long step = Math.max(power / 4, 1);
        return (bytes + step - 1) / step * step;
    }

    /** A buffer of at least {@code bytes} (exactly {@link #sizeClass} bytes). */
    synchronized cl_mem take(long bytes) {
        long size = sizeClass(bytes);
        ArrayDeque<cl_mem> list = free.get(size);
        cl_mem m = list == null ? null : list.poll();
        if (m != null) {
            cachedBytes -= size;
        } else {
            m = create(size);
        }
        heldBytes += size;
        return m;
    }

    /** Returns a buffer of class {@code size} to the cache. */
    synchronized void give(cl_mem m, long size) {
        free.computeIfAbsent(size, s -> new ArrayDeque<>()).push(m);
        cachedBytes += size;
        heldBytes -= size;
    }

    /** Releases every cached buffer to the driver. */
    synchronized void trim() {
        free.values().forEach(list -> list.forEach(m -> clReleaseMemObject(m)));
        free.clear();
        cachedBytes = 0;
    }

    /** Bytes of free buffers kept for reuse. */
    synchronized long cachedBytes() {
        return cachedBytes;
    }

    /** Bytes of buffers handed out and not yet returned (whole size classes). */
    synchronized long heldBytes() {
        return heldBytes;
    }

    private cl_mem create(long size) {
        try {
            return clCreateBuffer(backend.context(), CL_MEM_READ_WRITE, size, null, null);
        } catch (CLException first) {
            trim();
            try {
                return clCreateBuffer(backend.context(), CL_MEM_READ_WRITE, size, null, null);
            } catch (CLException e) {
                ClDeviceInfo d = backend.info();
                throw ClException.of("allocating a buffer of " + size + " bytes", e, "the device has "
                        + d.globalMemoryBytes() + " bytes of global memory, at most " + d.maxAllocationBytes()
                        + " bytes per buffer, and " + heldBytes + " bytes are held by live tensors");
            }
        }
    }
}
