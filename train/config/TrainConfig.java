package train.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * Everything a training run is made from, as read from a JSON file whose keys are the
 * {@code snake_case} names of these components (defaults fill what a file leaves out):
 *
 * <pre>{@code
 * {
 *   "model": {"channels": 8},            // the model's own config record (see the model registry)
 *   "data": {"frames": 4},               // the model's data source config
 *   "steps": 200, "batch_size": 4, "grad_accumulation": 1, "seed": 0,
 *   "optimizer": {"name": "adamw", "learning_rate": 0.003},
 *   "schedule": {"kind": "cosine", "warmup_steps": 10},
 *   "clip_grad_norm": 1.0,               // 0: no clipping
 *   "ema_decay": 0.999,                  // 0: no moving average of the weights
 *   "log_every": 10, "eval_every": 50, "eval_batches": 2,
 *   "checkpoint_every": 100, "keep_checkpoints": 3
 * }
 * }</pre>
 *
 * {@code device} is null for the default device ({@code ZOETROPE_DEVICE}, else the first OpenCL
 * device). A run writes its resolved config (every key, model defaults included) next to its
 * checkpoints. With {@code ema_decay} above 0 the run also keeps an exponential moving average of
 * the weights ({@link train.ExponentialMovingAverage}); its checkpoints carry it, its evaluations
 * report the average's loss too, and a model restored from them for inference gets the averaged weights.
 */
public record TrainConfig(
        JsonNode model,
        JsonNode data,
        long steps,
        int batchSize,
        int gradAccumulation,
        long seed,
        String device,
        OptimizerConfig optimizer,
        ScheduleConfig schedule,
        double clipGradNorm,
        double emaDecay,
        int logEvery,
        int evalEvery,
        int evalBatches,
        int checkpointEvery,
        int keepCheckpoints) {

    public static final TrainConfig DEFAULTS = new TrainConfig(
            JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.objectNode(),
            100, 4, 1, 0, null, OptimizerConfig.DEFAULTS, ScheduleConfig.DEFAULTS,
            0, 0, 10, 0, 1, 0, 3);

    public TrainConfig {
        requireAtLeast("steps", steps, 0);
        requireAtLeast("batch_size", batchSize, 1);
        requireAtLeast("grad_accumulation", gradAccumulation, 1);
        requireAtLeast("log_every", logEvery, 1);
        requireAtLeast("eval_every", evalEvery, 0);
        requireAtLeast("eval_batches", evalBatches, 1);
        requireAtLeast("checkpoint_every", checkpointEvery, 0);
        requireAtLeast("keep_checkpoints", keepCheckpoints, 1);
        if (!(clipGradNorm >= 0)) {
            throw new IllegalArgumentException("clip_grad_norm must be at least 0 (0 turns clipping off), got " + clipGradNorm);
        }
        if (!(emaDecay >= 0 && emaDecay < 1)) {
            throw new IllegalArgumentException("ema_decay must lie in [0, 1) (0 keeps no moving average), got " + emaDecay);
        }
        if (optimizer == null || schedule == null) {
            throw new IllegalArgumentException("optimizer and schedule must be objects, not null");
        }
        model = model == null ? JsonNodeFactory.instance.objectNode() : model;
        data = data == null ? JsonNodeFactory.instance.objectNode() : data;
    }

    private static void requireAtLeast(String key, long value, long least) {
        if (value < least) {
            throw new IllegalArgumentException(key + " must be at least " + least + ", got " + value);
        }
    }

    /** Reads {@code file} over the defaults, then lays {@code overrides} (from command-line flags) on top. */
    public static TrainConfig load(Path file, ObjectNode overrides) {
        ObjectNode tree = ConfigMapper.readTree(file);
        ConfigMapper.merge(tree, overrides);
        return ConfigMapper.resolve(tree, DEFAULTS, TrainConfig.class, file.toString());
    }

    /** Parses JSON text (a saved, resolved config, say); {@code source} names it in errors. */
    public static TrainConfig parse(String json, String source) {
        return ConfigMapper.resolve(ConfigMapper.parseObject(json, source), DEFAULTS, TrainConfig.class, source);
    }

    /** This config with the model's and data source's sections replaced by their resolved forms. */
    public TrainConfig withSections(Object resolvedModel, Object resolvedData) {
        return new TrainConfig(ConfigMapper.toTree(resolvedModel), ConfigMapper.toTree(resolvedData), steps, batchSize,
                gradAccumulation, seed, device, optimizer, schedule, clipGradNorm, emaDecay, logEvery, evalEvery, evalBatches,
                checkpointEvery, keepCheckpoints);
    }

    /** Indented JSON with every key. */
    public String toJson() {
        return ConfigMapper.toJson(ConfigMapper.toTree(this));
    }
}
