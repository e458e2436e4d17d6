package train.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tensor.Devices;

/**
 * {@code zoetrope shell}: jshell with Zoetrope on the class path and its packages imported, for
 * trying one op or one layer at a time.
 */
@Command(name = "shell", description = "Start jshell with Zoetrope on the class path and tensor.*, autograd.*, nn.* imported.")
final class ShellCommand implements Callable<Integer> {

    @Option(names = "--device", paramLabel = "cpu|cl|cl:N",
            description = "Device for the shell's tensors (default: ZOETROPE_DEVICE, else the default device).")
    private String device;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (device != null) {
            try {
                Devices.select(device);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "bad --device: " + e.getMessage());
            }
        }
        Path startup = Files.createTempFile("zoetrope-shell-", ".jsh");
        try {
            ShellLaunch launch = ShellLaunch.plan(device, startup, BuildInfo.version());
            Files.writeString(startup, launch.startup(), StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder(launch.command()).inheritIO();
            builder.environment().putAll(launch.environment());
            return builder.start().waitFor();
        } finally {
            Files.deleteIfExists(startup);
        }
    }
}
