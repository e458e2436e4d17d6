package train.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code zoetrope version}: the version of this build and the Java runtime. */
@Command(name = "version", description = "Print the version of Zoetrope and of the Java runtime.")
final class VersionCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().println(BuildInfo.versionLine());
    }
}
