package train.models;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import nn.Module;
import train.TrainingTask;
import train.RandomStreams;
import train.config.ConfigMapper;
import train.config.TrainConfig;
import video.magvit.MagvitTokenizer;

/** The models {@code zoetrope train} knows, by name. To add one, write a {@link ModelEntry} and list it in {@link #ALL}. */
public final class ModelRegistry {
    private ModelRegistry() {}

    /** The tiny video autoencoder on clips of the in-context world. */
    public static final ModelEntry TINY_VIDEO_AUTOENCODER = new ModelEntry() {
        @Override
        public String name() {
            return "tiny-video-autoencoder";
        }

        @Override
        public String description() {
            return "a conv3d autoencoder of a few thousand parameters on in-context world clips";
        }

        @Override
        public Built build(TrainConfig config, String source) {
            TinyVideoAutoencoder.Config model = ConfigMapper.resolve(config.model(), TinyVideoAutoencoder.Config.DEFAULTS,
                    TinyVideoAutoencoder.Config.class, source + " (model)");
            return onWorldClips(config, source, WorldClips.Config.DEFAULTS, model, () -> {
                TinyVideoAutoencoder autoencoder = new TinyVideoAutoencoder(model, RandomStreams.INIT.start(config.seed()));
                return new Trainable(autoencoder, autoencoder);
            });
        }
    };

    /** The MAGVIT-v2 video tokenizer (causal conv encoder, LFQ, adaptive-GN decoder) on in-context world clips. */
    public static final ModelEntry TOKENIZER = new ModelEntry() {
        @Override
        public String name() {
            return "tokenizer";
        }

        @Override
        public String description() {
            return "the MAGVIT-v2 causal video tokenizer with lookup-free quantization, on in-context world clips";
        }

        @Override
        public Built build(TrainConfig config, String source) {
            MagvitTokenizer.Config model = ConfigMapper.resolve(config.model(), MagvitTokenizer.Config.DEFAULTS,
                    MagvitTokenizer.Config.class, source + " (model)");
            return onWorldClips(config, source, TOKENIZER_DATA, model, () -> {
                MagvitTokenizer tokenizer = new MagvitTokenizer(model, RandomStreams.INIT.start(config.seed()));
                return new Trainable(tokenizer, new TokenizerTask(tokenizer));
            });
        }
    };

    /** A model and what trains it. */
    private record Trainable(Module module, TrainingTask task) {}

    /**
     * A model trained on clips of the in-context world: the {@code data} section resolved against
     * {@code dataDefaults} (before the model is made, so a bad key costs no allocation), one clip
     * stream to train on and one to evaluate on, each seeded from the run's seed.
     */
    private static ModelEntry.Built onWorldClips(TrainConfig config, String source, WorldClips.Config dataDefaults,
                                      Object resolvedModel, Supplier<Trainable> make) {
        WorldClips.Config data = ConfigMapper.resolve(config.data(), dataDefaults, WorldClips.Config.class,
                source + " (data)");
        Trainable trainable = make.get();
        return new ModelEntry.Built(trainable.module(), trainable.task(),
                new WorldClips(data, worldSeed(config.seed(), RandomStreams.TRAIN_DATA)),
                new WorldClips(data, worldSeed(config.seed(), RandomStreams.EVAL_DATA)),
                config.withSections(resolvedModel, data));
    }

    /**
     * The tokenizer's default clips: 16×16, 3 frames, the world and segment length the Vid-ICL model
     * works on (configs/tokenizer.json tokenizes each frame to 8×8 tokens, no time downsampling).
     */
    static final WorldClips.Config TOKENIZER_DATA = new WorldClips.Config(16, 3);

    public static final List<ModelEntry> ALL = List.of(TINY_VIDEO_AUTOENCODER, TOKENIZER, new VidIclEntry());

    /** The entry named {@code name}; an unknown name is an error that lists the known ones. */
    public static ModelEntry find(String name) {
        return ALL.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown model '" + name + "': expected one of "
                        + ALL.stream().map(ModelEntry::name).collect(Collectors.joining(", "))));
    }

    /** A seed for a {@link video.data.World} per run seed and stream (the world hashes it further). */
    static long worldSeed(long seed, RandomStreams stream) {
        return seed * 0x9E3779B97F4A7C15L + stream.ordinal();
    }
}
