package train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zoetrope devices} on a machine without an OpenCL driver. The OpenCL loader reads its
 * drivers from the directory {@code OCL_ICD_VENDORS} names, so a child JVM pointed at an empty
 * directory sees none (and one with no loader at all sees none either).
 */
class DevicesWithoutOpenClTest {

    @Test
    void saysOpenClIsUnavailableAndHowToInstallPoclAndSucceeds(@TempDir Path noDrivers) throws Exception {
        ProcessBuilder child = new ProcessBuilder(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                Zoetrope.class.getName(), "devices")
                .redirectErrorStream(true);
        child.environment().put("OCL_ICD_VENDORS", noDrivers.toString());
        child.environment().remove("OCL_ICD_FILENAMES");
        Process process = child.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "zoetrope devices did not finish");

        assertEquals(0, process.exitValue(), output);
        assertTrue(output.startsWith("cpu: "), output);
        assertTrue(output.contains("OpenCL: unavailable: "), output);
        assertTrue(output.contains("sudo apt-get install pocl-opencl-icd ocl-icd-opencl-dev"), output);
    }
}
