package train;

import autograd.Grad;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongToDoubleFunction;
import tensor.Generator;
import tensor.MemoryScope;
import tensor.Tensor;
import train.config.TrainConfig;

/**
 * The training loop. One step:
 * <ol>
 *   <li>free the previous gradients;</li>
 *   <li>for each of {@code grad_accumulation} micro-batches: draw a batch, compute the loss,
 *       backpropagate {@code loss / grad_accumulation}, so the gradients add up to those of the mean
 *       loss over all micro-batches;</li>
 *   <li>measure the global gradient norm and clip it to {@code clip_grad_norm} (when set);</li>
 *   <li>update the parameters with the learning rate the schedule gives for this step;</li>
 *   <li>fold the new weights into their moving average (when {@code ema_decay} is set).</li>
 * </ol>
 * Every step runs inside its own {@link MemoryScope} (and each micro-batch in a nested one), so the
 * activations, batches and gradients of intermediate values are freed when it ends and device
 * memory stays flat over a run; parameters, their gradients and the optimizer's state live outside.
 * Every {@code log_every} steps a record goes to the {@link MetricsLog}; every {@code eval_every}
 * steps the loss is averaged over {@code eval_batches} fixed evaluation batches (and again with
 * the averaged weights, as {@code eval_ema_loss}, when the run keeps an average); every
 * {@code checkpoint_every} steps, and at the last, the {@link TrainingState} goes to the checkpoint sink.
 *
 * <h2>Determinism</h2>
 * Given the seed, a run on the CPU backend is bit-for-bit reproducible, and resuming from a
 * checkpoint gives bit-identical parameters to an unbroken run: the model, data and evaluation
 * each draw from their own Philox stream ({@link RandomStreams}), whose positions the checkpoint
 * saves, and the CPU kernels split their loops the same way on every run. On the OpenCL backend,
 * {@code scatterAdd} (and so the gradients of {@code gather}, {@code indexSelect} and
 * {@code embedding}) adds floats with an atomic compare-and-swap loop whose order varies between
 * runs, so runs that use those ops differ in the last bits; the other OpenCL kernels are deterministic.
 */
public final class Trainer implements AutoCloseable {

    /** The pieces a run is made of. {@code learningRate} maps the step (from 0) to its learning rate. */
    public record Parts(TrainingTask task, Optimization optimizer, LongToDoubleFunction learningRate,
                        BatchSource trainData, BatchSource evalData) {}

    /** What one step measured. */
    private record StepResult(double loss, Map<String, Double> metrics, double gradNorm, double learningRate) {}

    private final TrainConfig config;
    private final Parts parts;
    private final MetricsLog metrics;
    private final ProgressReport progress;
    private final Consumer<TrainingState> checkpoints;
    private Generator rng;
    private long step;
    /** The moving average of the weights, or null when {@code ema_decay} is 0. */
    private ExponentialMovingAverage ema;

    /**
     * A trainer at step 0 of a fresh run.
     *
     * @param checkpoints receives the state every {@code checkpoint_every} steps and at the end
     */
    public Trainer(TrainConfig config, Parts parts, MetricsLog metrics, ProgressReport progress,
                   Consumer<TrainingState> checkpoints) {
        this.config = config;
        this.parts = parts;
        this.metrics = metrics;
        this.progress = progress;
        this.checkpoints = checkpoints;
        this.rng = RandomStreams.MODEL.start(config.seed());
        this.ema = config.emaDecay() > 0 ? ExponentialMovingAverage.startingAt(parts.task().stateDict(), config.emaDecay()) : null;
    }

    /** Steps done so far. */
    public long step() {
        return step;
    }

    /** A snapshot of the run now, for a checkpoint (the tensors are the live ones, not copies). */
    public TrainingState state() {
        return new TrainingState(step, parts.task().stateDict(), parts.optimizer().stateTensors(),
                parts.optimizer().stepCounts(), ema == null ? Map.of() : ema.weights(), ema == null ? 0 : ema.updates(),
                TrainingState.RngState.of(rng), parts.trainData().position(),
                config.toJson(), ZoetropeVersion.current());
    }

    /**
     * Continues from a saved state: the parameters, optimizer state, moving average, step, random
     * stream and data position become the saved ones, and the metrics log forgets what came after
     * the saved step. A run that keeps an average but resumes from a checkpoint without one (the
     * average was switched on since) starts it from the restored weights, and says so; one that
     * keeps none drops the checkpoint's.
     */
    public void restore(TrainingState state) {
        parts.task().loadState(state.model());
        parts.optimizer().loadState(state.optimizer(), state.optimizerSteps());
        parts.trainData().seek(state.dataPosition());
        rng = state.rng().generator();
        step = state.step();
        metrics.truncateAfter(step);
        closeAverage();
        if (config.emaDecay() > 0) {
            if (state.ema().isEmpty()) {
                progress.message("ema: the checkpoint of step " + step + " has no moving average; it starts from its weights");
                ema = ExponentialMovingAverage.startingAt(parts.task().stateDict(), config.emaDecay());
            } else {
                ema = ExponentialMovingAverage.restored(state.ema(), state.emaUpdates(), config.emaDecay());
            }
        } else if (!state.ema().isEmpty()) {
            progress.message("ema: ema_decay is 0, so the moving average in the checkpoint of step " + step + " is not continued");
        }
    }

    /** Trains until {@code config.steps()} steps are done. */
    public void run() {
        run(config.steps());
    }

    /** Trains until {@code min(untilStep, config.steps())} steps are done (a shorter session of the same run). */
    public void run(long untilStep) {
        long end = Math.min(untilStep, config.steps());
        long first = step;
        long started = System.nanoTime();
        while (step < end) {
            StepResult result = trainStep();
            step++;
            double seconds = (System.nanoTime() - started) / 1e9;
            double stepsPerSecond = seconds > 0 ? (step - first) / seconds : 0;
            if (step % config.logEvery() == 0 || step == end) {
                metrics.append(record(result, stepsPerSecond));
            }
            progress.update(step, config.steps(), result.loss(), result.learningRate(), stepsPerSecond);
            if (config.evalEvery() > 0 && step % config.evalEvery() == 0) {
                Map<String, Object> eval = evaluate();
                metrics.append(eval);
                progress.message(evalLine(eval));
            }
            if ((config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0) || step == config.steps()) {
                try (MemoryScope snapshot = MemoryScope.open()) { // frees whatever stateDict() made for the sink
                    checkpoints.accept(state());
                }
            }
        }
    }

    private StepResult trainStep() {
        parts.optimizer().zeroGrad();
        int micro = config.gradAccumulation();
        double loss = 0;
        Map<String, Double> sums = new LinkedHashMap<>();
        try (MemoryScope stepScope = MemoryScope.open()) {
            for (int i = 0; i < micro; i++) {
                try (MemoryScope microScope = MemoryScope.open()) {
                    Tensor batch = parts.trainData().next(config.batchSize());
                    LossReport report = parts.task().loss(batch, rng);
                    double value = report.loss().value().item();
                    if (!Double.isFinite(value)) {
                        parts.optimizer().zeroGrad();
                        throw new IllegalStateException("step " + (step + 1) + ": the loss is " + value
                                + "; no update was made (lower the learning rate, set clip_grad_norm, or check the data)");
                    }
                    report.loss().mul(1.0 / micro).backward();
                    loss += value / micro;
                    report.metrics().forEach((name, v) -> sums.merge(name, v / micro, Double::sum));
                }
            }
            double maxNorm = config.clipGradNorm() > 0 ? config.clipGradNorm() : Double.POSITIVE_INFINITY;
            double gradNorm = parts.optimizer().clipGradNorm(maxNorm);
            if (!Double.isFinite(gradNorm)) {
                parts.optimizer().zeroGrad();
                throw new IllegalStateException("step " + (step + 1) + ": the gradient norm is " + gradNorm
                        + "; no update was made (lower the learning rate or check the model for overflow)");
            }
            double learningRate = parts.learningRate().applyAsDouble(step);
            parts.optimizer().step(learningRate);
            if (ema != null) {
                ema.update(parts.task().stateDict());
            }
            return new StepResult(loss, sums, gradNorm, learningRate);
        }
    }

    /**
     * The mean loss and metrics over {@code eval_batches} batches of the evaluation source, which
     * restarts from its beginning (and the evaluation stream from its start) every time, so
     * evaluations at different steps see the same data. Nothing is recorded for backward. With a
     * moving average, the same batches are evaluated again with the averaged weights
     * ({@code eval_ema_loss}, ...), and the trained weights are put back.
     */
    public Map<String, Object> evaluate() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("step", step);
        evaluateInto(record, "eval_");
        if (ema != null) {
            try (MemoryScope scope = MemoryScope.open()) {
                Map<String, Tensor> trained = new LinkedHashMap<>();
                parts.task().stateDict().forEach((name, t) -> trained.put(name, t.to(t.dtype())));
                parts.task().loadState(ema.weights());
                try {
                    evaluateInto(record, "eval_ema_");
                } finally {
                    parts.task().loadState(trained);
                }
            }
        }
        return record;
    }

    private void evaluateInto(Map<String, Object> record, String prefix) {
        parts.evalData().seek(0);
        Generator evalRng = RandomStreams.EVAL_MODEL.start(config.seed());
        int batches = config.evalBatches();
        double loss = 0;
        Map<String, Double> sums = new LinkedHashMap<>();
        try (Grad.Mode off = Grad.noGrad()) {
            for (int i = 0; i < batches; i++) {
                try (MemoryScope scope = MemoryScope.open()) {
                    LossReport report = parts.task().loss(parts.evalData().next(config.batchSize()), evalRng);
                    loss += report.loss().value().item() / batches;
                    report.metrics().forEach((name, v) -> sums.merge(name, v / batches, Double::sum));
                }
            }
        }
        record.put(prefix + "loss", loss);
        sums.forEach((name, v) -> record.put(prefix + name, v));
    }

    private String evalLine(Map<String, Object> eval) {
        String line = String.format(Locale.ROOT, "step %d: eval loss %.5g", step, (double) eval.get("eval_loss"));
        return eval.containsKey("eval_ema_loss")
                ? line + String.format(Locale.ROOT, " (moving average of the weights %.5g)", (double) eval.get("eval_ema_loss"))
                : line;
    }

    private Map<String, Object> record(StepResult result, double stepsPerSecond) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("step", step);
        record.put("loss", result.loss());
        record.putAll(result.metrics());
        record.put("lr", result.learningRate());
        record.put("grad_norm", result.gradNorm());
        record.put("steps_per_s", stepsPerSecond);
        record.put("samples_per_s", stepsPerSecond * config.batchSize() * config.gradAccumulation());
        return record;
    }

    /** Frees the moving average of the weights, if the run keeps one. */
    @Override
    public void close() {
        closeAverage();
    }

    private void closeAverage() {
        if (ema != null) {
            ema.close();
            ema = null;
        }
    }
}
