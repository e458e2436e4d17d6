package train.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into {@code zoetrope.properties} at build time, and the runtime it runs on. */
final class BuildInfo implements IVersionProvider {

    /** The project version, e.g. {@code 0.1.0}. */
    static String version() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/zoetrope.properties")) {
            if (in == null) {
                throw new IllegalStateException("zoetrope.properties is missing from the classpath: rebuild with mvn package");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read zoetrope.properties", e);
        }
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
