package train.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import train.run.RunDirectory;

/** The run folders committed under {@code weights/}, each keeping exactly one checkpoint. */
final class ShippedWeights {
    private ShippedWeights() {}

    /** The one checkpoint of {@code weights/<run>}. */
    static Path onlyCheckpoint(String run) {
        List<Path> all = new RunDirectory(Path.of("weights", run)).checkpoints(1).list();
        assertEquals(1, all.size(), "weights/" + run + " keeps exactly one checkpoint: " + all);
        return all.get(0);
    }
}
