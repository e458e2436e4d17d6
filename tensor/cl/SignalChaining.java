package tensor.cl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether the JVM keeps its own signal handlers while an OpenCL driver built on LLVM (PoCL, Mesa,
 * ROCm) compiles kernels in the same process.
 *
 * <p>The JVM raises {@code SIGSEGV} on purpose and handles it: safepoint polls (every garbage
 * collection stops the Java threads this way), implicit null checks, stack banging. When clang
 * compiles a kernel, LLVM installs its own handlers for {@code SIGSEGV}, {@code SIGBUS},
 * {@code SIGILL} and others (to delete its temporary files on a crash), with {@code SA_RESETHAND}.
 * The next such signal from any Java thread then reaches LLVM instead of the JVM:
 * <ul>
 *   <li>LLVM deletes the temporary files of the build in progress, and {@code clBuildProgram}
 *       fails with "unable to rename temporary … No such file or directory";</li>
 *   <li>a second thread faulting before LLVM has put the JVM's handler back meets the default action:
 *       the process dies with exit status 139 and no {@code hs_err} file.</li>
 * </ul>
 * The JVM's remedy is signal chaining (HotSpot's {@code libjsig}): preloaded with
 * {@code LD_PRELOAD}, it intercepts the library's {@code sigaction} calls, so the JVM's handlers
 * stay installed and hand on to the library's only the signals the JVM does not own. The
 * {@code zoetrope} launcher and the test suite preload it. (The JVM then prints one line, "the use
 * of signal() and sigset() for signal chaining was deprecated" on the first kernel compilation:
 * the driver installs one handler with {@code signal()}; it is harmless.)
 *
 * <p>{@link #warnIfUnchained()} reads the process's own memory map ({@code /proc/self/maps}, Linux
 * only) after the OpenCL platforms are loaded and warns once when LLVM is mapped and {@code libjsig}
 * is not.
 */
final class SignalChaining {
    private static boolean checked;

    private SignalChaining() {}

    /**
     * What is wrong with a process whose memory map is {@code maps} (the text of
     * {@code /proc/self/maps}), or nothing: LLVM is loaded and signal chaining is not.
     */
    static Optional<String> problem(String maps, Path javaHome) {
        if (!maps.contains("libLLVM") || maps.contains("libjsig")) {
            return Optional.empty();
        }
        return Optional.of("zoetrope: the OpenCL driver loaded LLVM, which takes over the JVM's signal handlers "
                + "while it compiles kernels: a garbage collection at that moment can fail the build or crash the JVM "
                + "(exit 139). Run java with LD_PRELOAD=" + javaHome.resolve("lib").resolve("libjsig.so")
                + " (the ./zoetrope launcher does).");
    }

    /** Prints {@link #problem} of this process on standard error, at most once per JVM. */
    static synchronized void warnIfUnchained() {
        if (checked) {
            return;
        }
        checked = true;
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return; // not Linux: no LD_PRELOAD to suggest
        }
        try {
            problem(Files.readString(maps), Path.of(System.getProperty("java.home"))).ifPresent(System.err::println);
        } catch (IOException e) {
            // An unreadable map only costs the warning.
        }
    }
}
