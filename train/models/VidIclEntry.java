package train.models;

import train.RandomStreams;
import train.config.ConfigMapper;
import train.config.TrainConfig;
import video.vidicl.VidIclTransformer;
import video.vidicl.VideoTokenizer;

/**
 * {@code zoetrope train vidicl}: the Vid-ICL transformer by next-token prediction on the tokens of
 * in-context world videos ({@link WorldTokenBatches}). The context is one whole video's sequence.
 */
final class VidIclEntry implements ModelEntry {

    @Override
    public String name() {
        return "vidicl";
    }

    @Override
    public String description() {
        return "the Vid-ICL Llama-style transformer on the tokens of in-context world videos";
    }

    @Override
    public Built build(TrainConfig config, String source) {
        VidIclTask.Config model = ConfigMapper.resolve(config.model(), VidIclTask.Config.DEFAULTS, VidIclTask.Config.class,
                source + " (model)");
        WorldTokenBatches.Config data = ConfigMapper.resolve(config.data(), WorldTokenBatches.Config.DEFAULTS,
                WorldTokenBatches.Config.class, source + " (data)");
        VideoTokenizer tokenizer = data.videoTokenizer();
        WorldTokenBatches train = new WorldTokenBatches(data, tokenizer,
                ModelRegistry.worldSeed(config.seed(), RandomStreams.TRAIN_DATA));
        WorldTokenBatches eval = new WorldTokenBatches(data, tokenizer,
                ModelRegistry.worldSeed(config.seed(), RandomStreams.EVAL_DATA));
        VidIclTransformer transformer = new VidIclTransformer(
                model.transformer(tokenizer.vocabulary(), train.sequenceLength()), RandomStreams.INIT.start(config.seed()));
        return new Built(transformer, new VidIclTask(transformer, tokenizer, data.world()), train, eval,
                config.withSections(model, data));
    }
}
