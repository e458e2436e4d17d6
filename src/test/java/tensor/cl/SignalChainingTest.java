package tensor.cl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tensor.DType;

/**
 * Kernel builds survive the JVM's own signals: with PoCL, LLVM takes over {@code SIGSEGV} while it
 * compiles, and without signal chaining a garbage collection during a build deletes the build's
 * temporary files (the build fails) or kills the JVM ({@link SignalChaining}).
 */
class SignalChainingTest {
    private static final Path JAVA_HOME = Path.of("/opt/jdk");

    @Test
    void llvmWithoutLibjsigIsAProblemThatNamesTheFix() {
        String maps = "7f00-7f10 r-xp 00000000 fe:01 1 /usr/lib/x86_64-linux-gnu/libLLVM-15.so.1\n";
        Optional<String> problem = SignalChaining.problem(maps, JAVA_HOME);
        assertTrue(problem.isPresent());
        assertTrue(problem.get().contains("LD_PRELOAD=/opt/jdk/lib/libjsig.so"), problem.get());
    }

    @Test
    void libjsigOrNoLlvmIsFine() {
        String llvm = "7f00-7f10 r-xp 00000000 fe:01 1 /usr/lib/x86_64-linux-gnu/libLLVM-15.so.1\n";
        String jsig = "7e00-7e10 r-xp 00000000 fe:01 2 /opt/jdk/lib/libjsig.so\n";
        assertEquals(Optional.empty(), SignalChaining.problem(jsig + llvm, JAVA_HOME));
        assertEquals(Optional.empty(), SignalChaining.problem("7f00-7f10 r-xp 0 fe:01 3 /usr/lib/libnvidia-opencl.so\n",
                JAVA_HOME));
    }

    /** The test JVM itself runs the way {@code ./zoetrope} runs the product: chained (see pom.xml). */
    @Test
    void theTestJvmChainsSignalsWhenTheDriverLoadsLlvm() throws IOException {
        OpenCl.backend();
        Path maps = Path.of("/proc/self/maps");
        assumeTrue(Files.isReadable(maps), "no /proc/self/maps: not Linux");
        assertEquals(Optional.empty(), SignalChaining.problem(Files.readString(maps), JAVA_HOME));
    }

    /**
     * Fresh programs built while other Java threads run and the collector stops them again and
     * again. Unchained, PoCL fails the first build ("unable to rename temporary …") or the JVM dies.
     */
    @Test
    void programsBuildWhileTheCollectorStopsTheWorld() throws InterruptedException {
        ClBackend cl = OpenCl.backend();
        List<Thread> threads = new ArrayList<>();
        long[] sink = new long[1];
        for (int t = 0; t < 1; t++) {
            int slot = t;
            threads.add(new Thread(() -> {
                long s = slot;
                while (!Thread.currentThread().isInterrupted()) {
                    for (int i = 0; i < 10_000; i++) {
                        s = s * 31 + (s >>> 7) + i;
                    }
                    sink[slot] = s;
                }
            }));
        }
        threads.add(new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                System.gc();
            }
        }));
        threads.forEach(Thread::start);
        try {
            for (int k = 0; k < 3; k++) {
                String source = "__kernel void shift(__global float *x) { x[get_global_id(0)] += " + k + ".5f; }\n";
                assertNotNull(cl.programs().program("signals.cl", source, ClBackend.typeOptions(DType.F32) + " -DBUILD=" + System.nanoTime()));
            }
        } finally {
            threads.forEach(Thread::interrupt);
            for (Thread t : threads) {
                t.join();
            }
        }
    }
}
