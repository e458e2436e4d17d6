package train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellLaunchTest {
    @TempDir
    Path dir;

    private Path executable(String folder) throws IOException {
        Path bin = Files.createDirectories(dir.resolve(folder));
        Path jshell = bin.resolve("jshell");
        Files.writeString(jshell, "#!/bin/sh\n");
        Files.setPosixFilePermissions(jshell, PosixFilePermissions.fromString("rwxr-xr-x"));
        return jshell;
    }

    @Test
    void theStartupScriptImportsZoetropesPackages() {
        ShellLaunch launch = ShellLaunch.plan("/jdk/bin/jshell", "zoetrope.jar", "cpu", Path.of("/tmp/s.jsh"), "0.1.0");
        assertEquals(List.of("/jdk/bin/jshell", "--class-path", "zoetrope.jar", "--startup", "DEFAULT", "--startup", "/tmp/s.jsh"),
                launch.command());
        for (String p : List.of("tensor", "autograd", "nn", "train")) {
            assertTrue(launch.startup().contains("import " + p + ".*;\n"), launch.startup());
        }
        assertTrue(launch.startup().contains("System.out.println(\"Zoetrope 0.1.0: "), launch.startup());
        assertEquals(Map.of("ZOETROPE_DEVICE", "cpu"), launch.environment());
        assertEquals(Map.of(), ShellLaunch.plan("j", "cp", null, Path.of("s"), "0").environment());
    }

    @Test
    void jshellIsFoundOnPathThenInJavaHome() throws IOException {
        Path onPath = executable("path");
        Path inHome = executable("home/bin");
        assertEquals(onPath.toString(), ShellLaunch.jshell(dir.resolve("empty") + ":" + onPath.getParent(), null, null));
        assertEquals(inHome.toString(), ShellLaunch.jshell(dir.resolve("empty").toString(), dir.resolve("home").toString(), null));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ShellLaunch.jshell("", null, "/nowhere"));
        assertTrue(e.getMessage().startsWith("jshell was not found on PATH, in $JAVA_HOME/bin or in /nowhere/bin"), e.getMessage());
    }
}
