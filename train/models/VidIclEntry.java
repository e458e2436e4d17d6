package train.models;

import tensor.Generator;
import train.RandomStreams;
import train.config.ConfigMapper;
import train.config.TrainConfig;
import video.data.World;
import video.data.WorldConfig;
import video.vidicl.VidIclTransformer;
import video.vidicl.VideoTokenizer;

/**
 * {@code zoetrope train vidicl}: the Vid-ICL transformer ({@link VidIclTransformer}) trained by
 * next-token prediction on the tokens of whole in-context world videos, through the tokenizer the
 * config's {@code model.tokenizer} names. Its context is one video's sequence.
 *
 * <pre>{@code
 * "model": {"width": 64, "layers": 2, "heads": 4, "hidden": 192,
 *           "tokenizer": {"kind": "patch-colour", "patch": 2, "levels": 4}},
 * "data":  {"size": 12, "frames_per_segment": 4, "segments": 3, "families": ["OBJECT_MOTION"], "speeds": [2], ...}
 * }</pre>
 */
public final class VidIclEntry implements ModelEntry {
    public static final String NAME = "vidicl";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the Vid-ICL Llama decoder on token sequences of in-context world videos";
    }

    @Override
    public Built build(TrainConfig config, String source) {
        VidIclModel model = ConfigMapper.resolve(config.model(), VidIclModel.DEFAULTS, VidIclModel.class, source + " (model)");
        VidIclWorld data = ConfigMapper.resolve(config.data(), VidIclWorld.DEFAULTS, VidIclWorld.class, source + " (data)");
        WorldConfig world = data.world();
        VideoTokenizer tokenizer = model.tokenizer().build(world);
        WorldTokenBatches train = new WorldTokenBatches(
                new World(world, ModelRegistry.worldSeed(config.seed(), RandomStreams.TRAIN_DATA)), tokenizer);
        WorldTokenBatches eval = new WorldTokenBatches(
                new World(world, ModelRegistry.worldSeed(config.seed(), RandomStreams.EVAL_DATA)), tokenizer);
        Generator init = RandomStreams.INIT.start(config.seed());
        VidIclTransformer transformer = new VidIclTransformer(VidIclTransformer.Config.of(tokenizer.vocabulary(),
                model.width(), model.layers(), model.heads(), model.hidden(), train.sequenceLength()), init);
        return new Built(transformer, new VidIclTask(transformer, tokenizer, world), train, eval,
                config.withSections(model, data));
    }
}
