package train;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version Maven wrote into {@code zoetrope.properties} at build time, e.g. {@code 0.1.0}. */
public final class ZoetropeVersion {
    private ZoetropeVersion() {}

    public static String current() {
        try (InputStream in = ZoetropeVersion.class.getResourceAsStream("/zoetrope.properties")) {
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
}
