package tensor.cl;

import static org.jocl.CL.*;

import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_mem;

/**
 * The device-side flag through which gather and scatter-add report an index out of range. Kernels
 * cannot throw, and checking indices on the host would mean reading them back; instead the first
 * bad index is recorded in a five-int buffer {@code [flag, op, value, bound, axis]} (see
 * {@code report_index_error} in {@code index.cl}), and the next blocking read or synchronize looks at
 * it and raises {@link IndexOutOfBoundsException}, as the {@link tensor.Backend#gather} contract allows.
 */
final class ClIndexErrors {
    /** Op codes the kernels write. */
    static final int GATHER = 1;
    static final int SCATTER_ADD = 2;

    private final ClBackend backend;
    private final cl_mem flags;
    private boolean armed;

    ClIndexErrors(ClBackend backend) {
        this.backend = backend;
        this.flags = clCreateBuffer(backend.context(), CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR,
                5L * Sizeof.cl_int, Pointer.to(new int[5]), null);
    }

    /** The buffer to pass to an indexing kernel; arms the check at the next read. */
    cl_mem buffer() {
        armed = true;
        return flags;
    }

    /** If an indexing kernel ran since the last check, reads the flag (blocking) and throws if it is set. */
    void check() {
        if (!armed) {
            return;
        }
        armed = false;
        int[] e = new int[5];
        clEnqueueReadBuffer(backend.queue(), flags, CL_TRUE, 0, 5L * Sizeof.cl_int, Pointer.to(e), 0, null, null);
        if (e[0] != 0) {
            clEnqueueWriteBuffer(backend.queue(), flags, CL_TRUE, 0, 5L * Sizeof.cl_int, Pointer.to(new int[5]), 0, null, null);
            String op = e[1] == GATHER ? "gather" : "scatterAdd";
            throw new IndexOutOfBoundsException(op + ": index " + e[2] + " is out of range [0, " + e[3] + ") along axis "
                    + e[4] + " (found by the OpenCL device, reported at the next read)");
        }
    }

    void release() {
        clReleaseMemObject(flags);
    }
}
