package architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The launcher and the CI script stay runnable, and CI runs the test command the README gives. */
class ProjectFilesTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();

    @Test
    void scriptsAreExecutable() {
        assertTrue(Files.isExecutable(ROOT.resolve("zoetrope")), "./zoetrope is not executable");
        assertTrue(Files.isExecutable(ROOT.resolve(".ci/run")), ".ci/run is not executable");
    }

    @Test
    void ciRunsTheReadmeTestCommand() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        List<String> ci = Files.readAllLines(ROOT.resolve(".ci/run")).stream().filter(l -> !l.isBlank()).toList();
        String testCommand = ci.get(ci.size() - 1);
        assertEquals("mvn -B test", testCommand);
        assertTrue(readme.contains("\n" + testCommand + " "), "README.md does not give the test command " + testCommand);
    }
}
