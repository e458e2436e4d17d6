package train.cli;

import picocli.CommandLine.IVersionProvider;
import train.ZoetropeVersion;

/** The version Maven wrote into {@code zoetrope.properties} at build time, and the runtime it runs on. */
final class BuildInfo implements IVersionProvider {

    /** The project version, e.g. {@code 0.1.0}. */
    static String version() {
        return ZoetropeVersion.current();
    }

    /** One line: {@code zoetrope 0.1.0 (Java 17.0.15, Linux amd64)}. */
    static String versionLine() {
        return "zoetrope " + version() + " (Java " + System.getProperty("java.version") + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")";
    }

    @Override
    public String[] getVersion() {
        return new String[] {versionLine()};
    }
}
