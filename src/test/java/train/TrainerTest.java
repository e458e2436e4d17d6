package train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tensor.Devices;
import tensor.MemoryScope;
import tensor.Tensor;
import train.config.TrainConfig;

/** The loop on a host-side linear regression: learning, accumulation, resume, memory, metrics. */
class TrainerTest {
    private static final int IN = 3;
    private static final int OUT = 2;

    @TempDir
    Path dir;

    /** A model, its trainer and what it saw. */
    private final class Run {
        final HostLinearModel model = new HostLinearModel(IN, OUT);
        final List<TrainingState> saved = new ArrayList<>();
        final StringWriter progress = new StringWriter();
        final MetricsLog metrics;
        final Trainer trainer;

        Run(TrainConfig config, String name) {
            this(config, name, 0.0);
        }

        Run(TrainConfig config, String name, double nanAfter) {
            metrics = new MetricsLog(dir.resolve(name + ".jsonl"));
            Consumer<TrainingState> sink = s -> saved.add(MemoryScope.within(null, () -> copy(s)));
            Trainer.Parts parts = new Trainer.Parts(model, model.optimizer(0.9), step -> 0.05,
                    new RegressionData(RandomStreams.TRAIN_DATA.start(config.seed()), IN, OUT),
                    new RegressionData(RandomStreams.EVAL_DATA.start(config.seed()), IN, OUT));
            trainer = new Trainer(config, parts, metrics, new ProgressReport(new PrintWriter(progress), false, 10), sink);
        }
    }

    private static TrainConfig config(String json) {
        return TrainConfig.parse(json, "test config");
    }

    /** A state whose tensors are host copies, as a checkpoint on disk would hold. */
    private static TrainingState copy(TrainingState s) {
        return new TrainingState(s.step(), copy(s.model()), copy(s.optimizer()), s.optimizerSteps(), copy(s.ema()),
                s.emaUpdates(), s.rng(), s.dataPosition(),
                s.configJson(), s.version());
    }

    private static Map<String, Tensor> copy(Map<String, Tensor> tensors) {
        Map<String, Tensor> copies = new LinkedHashMap<>();
        tensors.forEach((name, t) -> copies.put(name, Tensor.of(t.toFloatArray(), t.shape().dims())));
        return copies;
    }

    @Test
    void theLossFalls() {
        Run run = new Run(config("{\"steps\": 60, \"batch_size\": 8, \"log_every\": 1}"), "falls");
        run.trainer.run();
        List<JsonNode> records = run.metrics.read();
        double first = records.get(0).get("loss").asDouble();
        double last = records.get(records.size() - 1).get("loss").asDouble();
        assertTrue(last < first / 100, "loss went from " + first + " to " + last);
        assertEquals(60, run.trainer.step());
    }

    @Test
    void metricsHoldEveryField() {
        Run run = new Run(config("{\"steps\": 20, \"log_every\": 5, \"eval_every\": 10, \"eval_batches\": 2}"), "fields");
        run.trainer.run();
        List<JsonNode> records = run.metrics.read();
        List<Long> steps = records.stream().map(r -> r.get("step").asLong()).toList();
        assertEquals(List.of(5L, 10L, 10L, 15L, 20L, 20L), steps);
        JsonNode train = records.get(0);
        for (String field : List.of("loss", "max_abs_error", "lr", "grad_norm", "steps_per_s", "samples_per_s")) {
            assertTrue(train.has(field), field + " missing from " + train);
        }
        assertEquals(0.05, train.get("lr").asDouble());
        JsonNode eval = records.get(2);
        assertTrue(eval.has("eval_loss") && eval.has("eval_max_abs_error"), eval.toString());
    }

    @Test
    void evaluationSeesTheSameBatchesEachTime() {
        Run run = new Run(config("{\"steps\": 3}"), "eval");
        Map<String, Object> a = run.trainer.evaluate();
        Map<String, Object> b = run.trainer.evaluate();
        assertEquals(a, b);
    }

    @Test
    void accumulatingTwoHalfBatchesMatchesOneWholeBatch() {
        Run whole = new Run(config("{\"steps\": 10, \"batch_size\": 4}"), "whole");
        Run halves = new Run(config("{\"steps\": 10, \"batch_size\": 2, \"grad_accumulation\": 2}"), "halves");
        whole.trainer.run();
        halves.trainer.run();
        assertArrayEquals(whole.model.weight, halves.model.weight, 1e-5f);
        assertArrayEquals(whole.model.bias, halves.model.bias, 1e-5f);
    }

    @Test
    void resumingGivesBitIdenticalParameters() {
        String json = "{\"steps\": 30, \"batch_size\": 4, \"log_every\": 1, \"checkpoint_every\": 12, \"clip_grad_norm\": 1.0}";
        Run straight = new Run(config(json), "straight");
        straight.trainer.run();

        Run first = new Run(config(json), "interrupted");
        first.trainer.run(17); // "killed" at step 17: the last checkpoint is step 12
        TrainingState checkpoint = first.saved.get(first.saved.size() - 1);
        assertEquals(12, checkpoint.step());

        Run resumed = new Run(config(json), "interrupted");
        resumed.trainer.restore(checkpoint);
        resumed.trainer.run();

        assertArrayEquals(straight.model.weight, resumed.model.weight);
        assertArrayEquals(straight.model.bias, resumed.model.bias);
        List<Long> steps = resumed.metrics.read().stream().map(r -> r.get("step").asLong()).toList();
        assertEquals(30, steps.size(), "one record per step, none twice: " + steps);
    }

    @Test
    void theMovingAverageFollowsItsRecurrenceFromTheFirstWeights() {
        Run run = new Run(config("{\"steps\": 6, \"batch_size\": 4, \"checkpoint_every\": 1, \"ema_decay\": 0.5}"), "ema");
        float[] average = concat(run.model.weight, run.model.bias); // the weights before the first step
        run.trainer.run();
        assertEquals(6, run.saved.size());
        for (TrainingState state : run.saved) {
            long n = state.step();
            double beta = Math.min(0.5, (1.0 + n) / (10.0 + n));
            float[] weights = concat(state.model().get("weight").toFloatArray(), state.model().get("bias").toFloatArray());
            for (int i = 0; i < average.length; i++) {
                average[i] = (float) (beta * average[i] + (1 - beta) * weights[i]);
            }
            assertEquals(n, state.emaUpdates());
            assertArrayEquals(average, concat(state.ema().get("weight").toFloatArray(), state.ema().get("bias").toFloatArray()),
                    1e-6f, "step " + n);
        }
    }

    @Test
    void aRunWithoutEmaDecayKeepsNoAverage() {
        Run run = new Run(config("{\"steps\": 2, \"checkpoint_every\": 1}"), "no-ema");
        run.trainer.run();
        assertTrue(run.saved.get(1).ema().isEmpty());
        assertEquals(0, run.saved.get(1).emaUpdates());
    }

    @Test
    void resumingCarriesTheAverageBitForBit() {
        String json = "{\"steps\": 20, \"batch_size\": 4, \"checkpoint_every\": 8, \"ema_decay\": 0.9}";
        Run straight = new Run(config(json), "ema-straight");
        straight.trainer.run();
        Run first = new Run(config(json), "ema-interrupted");
        first.trainer.run(11);
        Run resumed = new Run(config(json), "ema-interrupted");
        resumed.trainer.restore(first.saved.get(0));
        resumed.trainer.run();

        TrainingState a = straight.saved.get(straight.saved.size() - 1);
        TrainingState b = resumed.saved.get(resumed.saved.size() - 1);
        assertEquals(20, b.step());
        assertEquals(a.emaUpdates(), b.emaUpdates());
        assertArrayEquals(a.ema().get("weight").toFloatArray(), b.ema().get("weight").toFloatArray());
        assertArrayEquals(a.ema().get("bias").toFloatArray(), b.ema().get("bias").toFloatArray());
    }

    @Test
    void anAverageSwitchedOnAtResumeStartsFromTheRestoredWeights() {
        Run plain = new Run(config("{\"steps\": 8, \"batch_size\": 4, \"checkpoint_every\": 4}"), "late-ema");
        plain.trainer.run();
        TrainingState withoutAverage = plain.saved.get(0);
        assertEquals(4, withoutAverage.step());

        Run resumed = new Run(config("{\"steps\": 5, \"batch_size\": 4, \"checkpoint_every\": 1, \"ema_decay\": 0.99}"), "late-ema");
        resumed.trainer.restore(withoutAverage);
        assertTrue(resumed.progress.toString().contains("ema: the checkpoint of step 4 has no moving average; it starts from its weights"),
                resumed.progress.toString());
        resumed.trainer.run();
        TrainingState next = resumed.saved.get(0);
        assertEquals(1, next.emaUpdates());
        double beta = 2.0 / 11.0; // min(0.99, (1 + 1) / (10 + 1))
        float[] start = withoutAverage.model().get("weight").toFloatArray();
        float[] now = next.model().get("weight").toFloatArray();
        float[] expected = new float[start.length];
        for (int i = 0; i < start.length; i++) {
            expected[i] = (float) (beta * start[i] + (1 - beta) * now[i]);
        }
        assertArrayEquals(expected, next.ema().get("weight").toFloatArray(), 1e-6f);
    }

    @Test
    void evaluationScoresTheAverageAndPutsTheTrainedWeightsBack() {
        Run run = new Run(config("{\"steps\": 6, \"batch_size\": 4, \"checkpoint_every\": 6, \"ema_decay\": 0.9}"), "ema-eval");
        run.trainer.run();
        float[] trained = run.model.weight.clone();
        Map<String, Object> eval = run.trainer.evaluate();
        assertArrayEquals(trained, run.model.weight);

        Run averaged = new Run(config("{\"steps\": 6}"), "ema-eval-check");
        averaged.model.loadState(run.saved.get(0).ema());
        assertEquals(averaged.trainer.evaluate().get("eval_loss"), eval.get("eval_ema_loss"));
        assertTrue(eval.containsKey("eval_ema_max_abs_error"), eval.toString());
        assertTrue((double) eval.get("eval_ema_loss") != (double) eval.get("eval_loss"), eval.toString());
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void deviceMemoryStaysFlat() {
        Run run = new Run(config("{\"steps\": 40, \"batch_size\": 4, \"grad_accumulation\": 2, \"eval_every\": 10}"), "flat");
        run.trainer.run(3);
        long afterWarmup = Devices.current().liveBytes();
        run.trainer.run(40);
        run.saved.forEach(state -> {
            state.model().values().forEach(Tensor::close);
            state.optimizer().values().forEach(Tensor::close);
        });
        assertEquals(afterWarmup, Devices.current().liveBytes());
    }

    @Test
    void aNonFiniteLossStopsWithoutAnUpdate() {
        Run run = new Run(config("{\"steps\": 5}"), "nan");
        run.trainer.run(2);
        float[] before = run.model.weight.clone();
        run.model.weight[0] = Float.NaN;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run.trainer.run());
        assertTrue(e.getMessage().startsWith("step 3: the loss is NaN; no update was made"), e.getMessage());
        assertTrue(Float.isNaN(run.model.weight[0]));
        assertArrayEquals(java.util.Arrays.copyOfRange(before, 1, before.length),
                java.util.Arrays.copyOfRange(run.model.weight, 1, before.length));
        assertEquals(2, run.trainer.step());
    }
}
