package tensor.cl;

import org.jocl.CLException;

/**
 * An OpenCL call failed. The message says what was asked (the kernel and its sizes, the bytes to
 * allocate) and what the device offers, so that {@code CL_INVALID_WORK_GROUP_SIZE} or
 * {@code CL_MEM_OBJECT_ALLOCATION_FAILURE} can be acted on without a debugger.
 */
public class ClException extends RuntimeException {

    public ClException(String message) {
        super(message);
    }

    public ClException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Wraps a JOCL failure: {@code "<what was asked>: <CL status name>; <what the device offers>"}. */
    static ClException of(String asked, CLException cause, String offered) {
        return new ClException(asked + ": " + cause.getMessage() + "; " + offered, cause);
    }
}
