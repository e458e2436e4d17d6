package tensor.cl;

/** A kernel file failed to compile for a device; the message names the file and holds the compiler's log. */
public final class ClBuildException extends ClException {
    private final String file;
    private final String buildLog;

    ClBuildException(String file, String options, String device, String buildLog) {
        super("cl-kernels/" + file + " failed to build for " + device + " with options '" + options + "':\n" + buildLog);
        this.file = file;
        this.buildLog = buildLog;
    }

    /** The kernel file, relative to {@code cl-kernels/}. */
    public String file() {
        return file;
    }

    /** What the OpenCL compiler printed. */
    public String buildLog() {
        return buildLog;
    }
}
