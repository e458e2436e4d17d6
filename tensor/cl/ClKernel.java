package tensor.cl;

import static org.jocl.CL.*;

import java.util.Arrays;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_event;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import tensor.Tensor;

/**
 * One compiled kernel, reused for every launch (creating kernel objects is slow, and JOCL's
 * argument setting costs about a microsecond per call). Arguments are given in order at launch:
 * a {@link Tensor} or {@link ClStorage} passes its buffer, {@code Integer}/{@code Long}/{@code Float}/{@code Double}
 * pass scalars, an {@code int[]} passes a by-value struct of ints (e.g. a {@link Strided} layout),
 * a {@link Local} reserves local memory. An argument equal to the one of the previous launch is not
 * set again.
 *
 * <p>Launches are enqueued and never waited for; while the backend profiles, each hands its event
 * to the {@link ClProfiler}. The caller holds the backend's lock (every
 * {@link ClBackend} op is synchronized), so argument setting and enqueueing cannot interleave.
 */
public final class ClKernel {
    /** Work-groups per compute unit that {@link #launch1dSpread} aims for. */
    private static final int GROUPS_PER_UNIT = 4;
    /** Elements per work-item of {@link #launchRuns} on CPU devices. */
    private static final int CPU_RUN = 1024;
    /** The middle work-group size of {@link #launch1dSpread}. */
    private static final int SMALL_GROUP = 16;

    /** Bytes of local memory to reserve for a {@code __local} pointer argument. */
    public record Local(long bytes) {}

    private final ClBackend backend;
    private final cl_kernel kernel;
    private final String name;
    private final String profileName;
    private final long maxGroupSize;
    private final int groupSize;
    private final Object[] lastArgs = new Object[32];

    /**
     * @param name      {@code file:kernel}
     * @param operation the operation its build options select, e.g. {@code " [SIGMOID]"}, or ""; a
     *                  {@link KernelProfile} lists each operation of a kernel on its own line
     */
    ClKernel(ClBackend backend, cl_kernel kernel, String name, String operation) {
        this.backend = backend;
        this.kernel = kernel;
        this.name = name;
        this.profileName = name + operation;
        long[] v = new long[1];
        clGetKernelWorkGroupInfo(kernel, backend.device(), CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(v), null);
        this.maxGroupSize = v[0];
        clGetKernelWorkGroupInfo(kernel, backend.device(), CL_KERNEL_PREFERRED_WORK_GROUP_SIZE_MULTIPLE,
                Sizeof.size_t, Pointer.to(v), null);
        long multiple = Math.max(1, v[0]);
        // Aim for 256 items (a good size on GPUs and for PoCL's vectoriser), rounded down to the
        // device's preferred multiple and capped by what the kernel may use.
        long size = Math.min(256, maxGroupSize);
        size = Math.max(multiple, size / multiple * multiple);
        this.groupSize = (int) Math.min(size, maxGroupSize);
    }

    /** {@code file:kernel}, for messages. */
    public String name() {
        return name;
    }

    /** The work-group size this kernel uses for one-dimensional launches. */
    public int groupSize() {
        return groupSize;
    }

    /** The largest work-group this kernel can run with on its device. */
    public long maxGroupSize() {
        return maxGroupSize;
    }

    /** One work-item per element {@code 0 ≤ i < n}, in groups of {@link #groupSize()}; the kernel guards {@code i < n}. */
    public void launch1d(int n, Object... args) {
        if (n == 0) {
            return;
        }
        long global = (n + (long) groupSize - 1) / groupSize * groupSize;
        launch(new long[] {global}, new long[] {groupSize}, args);
    }

    /**
     * For kernels that walk elements {@code 0 ≤ i < n} with {@code FOR_RUN} ({@code common.cl}) and
     * take the run length as their last argument, which this appends to {@code args}: one element
     * per work-item on GPUs ({@link #launch1d}); on CPU devices ({@link ClBackend#prefersSerialRows()})
     * runs of {@value #CPU_RUN} elements, spread over the cores by {@link #launch1dSpread}, so that
     * each work-item is one loop the compiler vectorises.
     */
    public void launchRuns(int n, Object... args) {
        Object[] all = Arrays.copyOf(args, args.length + 1);
        if (backend.prefersSerialRows()) {
            all[args.length] = CPU_RUN;
            launch1dSpread((int) ((n + (long) CPU_RUN - 1) / CPU_RUN), all);
        } else {
            all[args.length] = 1;
            launch1d(n, all);
        }
    }

    /**
     * Like {@link #launch1d} for kernels whose work-items each do much work (a whole row): the
     * groups are made small enough that every compute unit gets {@value #GROUPS_PER_UNIT} of them
     * when {@code n} allows, since a CPU device runs one work-group per core at a time and a few
     * dozen long items in one group would leave the other cores idle. The size is one of
     * {@link #groupSize()}, {@value #SMALL_GROUP} and 1, as drivers such as PoCL compile a kernel
     * anew for each work-group size.
     */
    public void launch1dSpread(int n, Object... args) {
        if (n == 0) {
            return;
        }
        long wanted = (long) GROUPS_PER_UNIT * backend.info().computeUnits();
        long size = (long) n / groupSize >= wanted ? groupSize : n / SMALL_GROUP >= wanted ? Math.min(SMALL_GROUP, groupSize) : 1;
        launch(new long[] {(n + size - 1) / size * size}, new long[] {size}, args);
    }

    /**
     * A two-dimensional launch over a {@link Strided} layout (see {@code strided_position} in
     * {@code common.cl}): dimension 0 covers the innermost axis, dimension 1 the rest. The group
     * spans up to {@link #groupSize()} items of the innermost axis (a power of two) and, when that
     * axis is short, several rows, so short rows do not leave groups empty.
     */
    void launchStrided(Strided s, Object... args) {
        if (s.numel() == 0) {
            return;
        }
        long across = 1;
        while (across * 2 <= groupSize && across < s.inner()) {
            across *= 2;
        }
        long down = Math.max(1, groupSize / across);
        while (down > 1 && down / 2 >= s.outer()) {
            down /= 2;
        }
        long[] local = {across, down};
        long[] global = {(s.inner() + across - 1) / across * across, (s.outer() + down - 1) / down * down};
        launch(global, local, args);
    }

    /** A launch with explicit global and local sizes (local may be null to let the driver choose). */
    public void launch(long[] global, long[] local, Object... args) {
        for (int i = 0; i < args.length; i++) {
            set(i, args[i]);
        }
        cl_event event = backend.profiler().eventFor(profileName);
        try {
            clEnqueueNDRangeKernel(backend.queue(), kernel, global.length, null, global, local, 0, null, event);
        } catch (CLException e) {
            backend.profiler().discard(event);
            throw ClException.of("launching " + name + " with global size " + Arrays.toString(global)
                    + " and work-group " + (local == null ? "(driver's choice)" : Arrays.toString(local)), e,
                    "the device allows work-groups of " + backend.info().maxWorkGroupSize() + " items, this kernel "
                            + maxGroupSize + ", and " + backend.info().localMemoryBytes() + " bytes of local memory");
        }
    }

    private void set(int index, Object arg) {
        if (arg instanceof Tensor t) {
            arg = ((ClStorage) t.storage()).buffer();
        } else if (arg instanceof ClStorage s) {
            arg = s.buffer();
        }
        Object last = lastArgs[index];
        boolean same = arg instanceof cl_mem ? last == arg
                : arg instanceof int[] words ? last instanceof int[] w && Arrays.equals(words, w)
                : arg.equals(last);
        if (same) {
            return;
        }
        if (arg instanceof cl_mem m) {
            clSetKernelArg(kernel, index, Sizeof.cl_mem, Pointer.to(m));
        } else if (arg instanceof Integer v) {
            clSetKernelArg(kernel, index, Sizeof.cl_int, Pointer.to(new int[] {v}));
        } else if (arg instanceof Long v) {
            clSetKernelArg(kernel, index, Sizeof.cl_long, Pointer.to(new long[] {v}));
        } else if (arg instanceof Float v) {
            clSetKernelArg(kernel, index, Sizeof.cl_float, Pointer.to(new float[] {v}));
        } else if (arg instanceof Double v) {
            clSetKernelArg(kernel, index, Sizeof.cl_double, Pointer.to(new double[] {v}));
        } else if (arg instanceof int[] words) {
            clSetKernelArg(kernel, index, (long) Sizeof.cl_int * words.length, Pointer.to(words));
            arg = words.clone();
        } else if (arg instanceof Local l) {
            clSetKernelArg(kernel, index, l.bytes(), null);
        } else {
            throw new IllegalArgumentException(name + ": cannot pass a " + arg.getClass().getName() + " as argument " + index);
        }
        lastArgs[index] = arg;
    }

    void release() {
        clReleaseKernel(kernel);
    }
}
