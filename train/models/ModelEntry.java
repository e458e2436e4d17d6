package train.models;

import nn.Module;
import train.BatchSource;
import train.TrainingTask;
import train.config.TrainConfig;

/** A model that {@code zoetrope train NAME} can train: its name, and how to build it and its data from a config. */
public interface ModelEntry {

    /** The name on the command line, e.g. {@code tiny-video-autoencoder}. */
    String name();

    /** One line for the help text. */
    String description();

    /**
     * The model (initialised from the config's seed) and its data, and the config with the
     * {@code model} and {@code data} sections resolved against their defaults.
     *
     * @throws train.config.ConfigException for unknown keys or bad values in those sections
     */
    Built build(TrainConfig config, String source);

    /** What {@link #build} made; {@code module} and {@code task} are the same model seen two ways. */
    record Built(Module module, TrainingTask task, BatchSource trainData, BatchSource evalData, TrainConfig resolved) {}
}
