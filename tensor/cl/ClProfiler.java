package tensor.cl;

import static org.jocl.CL.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_event;

/**
 * Collects an OpenCL event for each kernel launch while on, and folds them into device time per
 * kernel. The queue is created with {@code CL_QUEUE_PROFILING_ENABLE}, which costs nothing until
 * a launch asks for an event; events are asked for only while profiling. Pending events are
 * folded every {@value #FOLD_AT} launches (waiting for the queue), so a long profile does not
 * hold thousands of driver objects. Used under the backend's lock.
 */
final class ClProfiler {
    private static final int FOLD_AT = 4096;

    private record Pending(String kernel, cl_event event) {}

    private final ClBackend backend;
    private final List<Pending> pending = new ArrayList<>();
    private final Map<String, long[]> perKernel = new LinkedHashMap<>(); // {launches, nanoseconds}
    private boolean on;

    ClProfiler(ClBackend backend) {
        this.backend = backend;
    }

    boolean on() {
        return on;
    }

    void start() {
        if (on) {
            throw new IllegalStateException("profiling is already on for " + backend.name());
        }
        perKernel.clear();
        on = true;
    }

    /** An event for the next launch of {@code kernel}, or null when profiling is off. */
    cl_event eventFor(String kernel) {
        if (!on) {
            return null;
        }
        if (pending.size() >= FOLD_AT) {
            fold();
        }
        cl_event event = new cl_event();
        pending.add(new Pending(kernel, event));
        return event;
    }

    /** Forgets {@code event} (null is ignored): its launch failed, so the driver never filled it in. */
    void discard(cl_event event) {
        if (event != null) {
            pending.removeIf(p -> p.event() == event);
        }
    }

    /** Waits for the queue, folds what is pending and returns the profile since {@link #start()}. */
    KernelProfile stop() {
        if (!on) {
            throw new IllegalStateException("profiling is not on for " + backend.name());
        }
        try {
            fold();
        } finally {
            on = false; // a failure here must not leave the backend profiling
            pending.clear();
        }
        List<KernelProfile.Entry> entries = new ArrayList<>();
        perKernel.forEach((kernel, v) -> entries.add(new KernelProfile.Entry(kernel, (int) v[0], v[1] / 1e6)));
        entries.sort(Comparator.comparingDouble(KernelProfile.Entry::totalMs).reversed());
        perKernel.clear();
        return new KernelProfile(entries);
    }

    private void fold() {
        clFinish(backend.queue());
        long[] start = new long[1], end = new long[1];
        for (Pending p : pending) {
            clGetEventProfilingInfo(p.event(), CL_PROFILING_COMMAND_START, Sizeof.cl_ulong, Pointer.to(start), null);
            clGetEventProfilingInfo(p.event(), CL_PROFILING_COMMAND_END, Sizeof.cl_ulong, Pointer.to(end), null);
            clReleaseEvent(p.event());
            long[] v = perKernel.computeIfAbsent(p.kernel(), k -> new long[2]);
            v[0]++;
            v[1] += end[0] - start[0];
        }
        pending.clear();
    }
}
