package train.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How {@code zoetrope shell} starts jshell: the executable, its arguments (Zoetrope's class path
 * and two startup scripts: jshell's default imports, then ours), the startup script's text and the
 * environment to add. A value, so that it can be checked without starting an interactive shell.
 *
 * @param command     the jshell executable, then its arguments; the startup script's path is the last
 * @param startup     the startup script: the imports of Zoetrope's packages and a greeting
 * @param environment variables to set for the shell (the device, when one was asked for)
 */
record ShellLaunch(List<String> command, String startup, Map<String, String> environment) {

    /** Zoetrope's packages a user reaches for first; each is imported only if this build has it. */
    static final List<String> PACKAGES = List.of("tensor", "autograd", "nn", "video", "train", "train.optim");

    /**
     * The launch for this JVM: jshell from {@code PATH}, else {@code $JAVA_HOME/bin}, else this
     * runtime's {@code bin}; the class path this JVM runs with (the jar, under {@code java -jar}).
     */
    static ShellLaunch plan(String device, Path startupFile, String version) {
        String classPath = System.getProperty("java.class.path");
        return plan(jshell(System.getenv("PATH"), System.getenv("JAVA_HOME"), System.getProperty("java.home")),
                classPath, device, startupFile, version);
    }

    static ShellLaunch plan(String jshell, String classPath, String device, Path startupFile, String version) {
        StringBuilder script = new StringBuilder();
        for (String p : PACKAGES) {
            if (packageExists(p)) {
                script.append("import ").append(p).append(".*;\n");
            }
        }
        script.append("System.out.println(\"Zoetrope ").append(version)
                .append(": \" + tensor.Devices.current().name() + \"; imported ")
                .append(String.join(", ", PACKAGES.stream().filter(ShellLaunch::packageExists).map(p -> p + ".*").toList()))
                .append(". Try Tensor.arange(6).reshape(2, 3)\");\n");
        List<String> command = new ArrayList<>(List.of(jshell, "--class-path", classPath,
                "--startup", "DEFAULT", "--startup", startupFile.toString()));
        return new ShellLaunch(command, script.toString(), device == null ? Map.of() : Map.of("ZOETROPE_DEVICE", device));
    }

    /** The first jshell found on {@code path}, else in {@code javaHome/bin}, else in {@code runtimeHome/bin}. */
    static String jshell(String path, String javaHome, String runtimeHome) {
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "jshell"))) {
                    return Path.of(dir, "jshell").toString();
                }
            }
        }
        for (String home : new String[] {javaHome, runtimeHome}) {
            if (home != null && Files.isExecutable(Path.of(home, "bin", "jshell"))) {
                return Path.of(home, "bin", "jshell").toString();
            }
        }
        throw new IllegalStateException("jshell was not found on PATH, in $JAVA_HOME/bin or in " + runtimeHome
                + "/bin: install a full JDK 17 (not just a JRE)");
    }

    private static boolean packageExists(String name) {
        return ShellLaunch.class.getClassLoader().getResource(name.replace('.', '/')) != null;
    }
}
