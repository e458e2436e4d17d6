package tensor.cl;

import static org.jocl.CL.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_device_id;
import org.jocl.cl_program;

/**
 * The program and kernel cache of one device: each kernel file of {@code cl-kernels/} is compiled
 * once per set of build options, and each kernel object is created once and reused. Every file is
 * built with {@code common.cl} in front of it (the {@code Strided} layout and shared helpers) and
 * with the device's own options ({@code -DHAS_FP64=…}, {@code -DHAS_FMA=…}) after the caller's.
 */
final class ClPrograms {
    private static final String COMMON = "common.cl";

    /**
     * Every program is built with {@code -cl-denorms-are-zero}: arithmetic on subnormal numbers
     * (below 1.2e-38 in float) takes a microcode slow path on x86 CPUs; the LFQ entropy's exp over
     * log-probabilities in the thousands below zero ran at half speed on PoCL. Flushing them to zero,
     * as XLA's CPU backend and most GPU code do, changes values by less than 1.2e-38.
     */
    static final String FLUSH_DENORMALS = "-cl-denorms-are-zero";

    /**
     * Every program is built with {@code -w} (no warnings; an option every OpenCL compiler takes).
     * A build log is read only when a build fails, where the errors still are; but PoCL's clang
     * prints a count of a build's warnings ("55 warnings generated.") straight to the process's
     * standard error, once per program, all of them the x86 ABI note that a 16-wide vector crosses
     * a call without AVX-512, which does not apply to kernels whose calls are inlined.
     */
    static final String NO_WARNINGS = "-w";

    private final ClBackend backend;
    private final Map<String, cl_program> programs = new HashMap<>();
    private final Map<String, ClKernel> kernels = new HashMap<>();
    private final Map<String, String> sources = new HashMap<>();

    ClPrograms(ClBackend backend) {
        this.backend = backend;
    }

    /** The kernel {@code name} of {@code cl-kernels/<file>} built with {@code options} (compiled on first use). */
    synchronized ClKernel kernel(String file, String name, String options) {
        String key = file + '\n' + options + '\n' + name;
        ClKernel k = kernels.get(key);
        if (k == null) {
            cl_program program = program(file, source(file), options);
            try {
                k = new ClKernel(backend, clCreateKernel(program, name, null), file + ":" + name, operation(options));
            } catch (CLException e) {
                throw ClException.of("creating kernel " + name + " of " + file + " (options '" + options + "')", e,
                        "check the kernel name");
            }
            kernels.put(key, k);
        }
        return k;
    }

    /** The {@code -DOP_<name>} defines of build options, as {@code " [NAME, ...]"}, or "" when there are none. */
    static String operation(String options) {
        List<String> ops = new ArrayList<>();
        for (String token : options.split("\\s+")) {
            if (token.startsWith("-DOP_")) {
                ops.add(token.substring("-DOP_".length()));
            }
        }
        return ops.isEmpty() ? "" : " " + ops;
    }

    /** Builds (or finds) the program of {@code file} whose text is {@code source}; visible for tests of build errors. */
    synchronized cl_program program(String file, String source, String options) {
        String all = options + " -DHAS_FP64=" + (backend.info().fp64() ? 1 : 0)
                + " -DHAS_FMA=" + (backend.info().fusedMultiplyAdd() ? 1 : 0) + " " + FLUSH_DENORMALS + " " + NO_WARNINGS;
        String key = file + '\n' + all + '\n' + source.hashCode();
        cl_program program = programs.get(key);
        if (program != null) {
            return program;
        }
        String text = source(COMMON) + "\n#line 1\n" + source;
        cl_device_id[] devices = {backend.device()};
        program = clCreateProgramWithSource(backend.context(), 1, new String[] {text}, null, null);
        try {
            clBuildProgram(program, 1, devices, all, null, null);
        } catch (CLException e) {
            String log = buildLog(program);
            clReleaseProgram(program);
            throw new ClBuildException(file, all, backend.info().name(), log);
        }
        programs.put(key, program);
        return program;
    }

    /** The compiler's messages for {@code program} on this device ("" for none). */
    String buildLog(cl_program program) {
        long[] size = new long[1];
        clGetProgramBuildInfo(program, backend.device(), CL_PROGRAM_BUILD_LOG, 0, null, size);
        byte[] bytes = new byte[(int) size[0]];
        clGetProgramBuildInfo(program, backend.device(), CL_PROGRAM_BUILD_LOG, bytes.length, Pointer.to(bytes), null);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8).strip();
    }

    private String source(String file) {
        return sources.computeIfAbsent(file, f -> {
            try (InputStream in = ClPrograms.class.getResourceAsStream("/cl-kernels/" + f)) {
                if (in == null) {
                    throw new ClException("kernel file cl-kernels/" + f + " is not on the classpath");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("reading cl-kernels/" + f, e);
            }
        });
    }

    /** Releases every kernel and program. */
    synchronized void release() {
        kernels.values().forEach(ClKernel::release);
        programs.values().forEach(p -> clReleaseProgram(p));
        kernels.clear();
        programs.clear();
    }
}
