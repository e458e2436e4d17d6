package train.models;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import train.config.TrainConfig;

/** Every config under {@code configs/} parses strictly and builds its model ({@code <model>[-variant].json}). */
class ShippedConfigsTest {

    @Test
    void everyShippedConfigBuildsTheModelItsNameSays() throws IOException {
        List<Path> configs;
        try (Stream<Path> files = Files.list(Path.of("configs"))) {
            configs = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(configs.isEmpty(), "no configs found under configs/");
        for (Path file : configs) {
            String model = file.getFileName().toString().replaceFirst("(-[a-z0-9]+)?\\.json$", "");
            TrainConfig config = TrainConfig.load(file, JsonNodeFactory.instance.objectNode());
            assertDoesNotThrow(() -> ModelRegistry.find(model).build(config, file.toString()).module().close(),
                    file + " does not build a " + model);
        }
    }
}
