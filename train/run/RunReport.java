package train.run;

import autograd.Grad;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tensor.MemoryScope;
import tensor.Tensor;
import train.BatchSource;
import train.TrainingTask;
import video.data.Clip;
import video.report.HtmlReport;
import video.report.Series;

/**
 * A run's {@code report.html}: the resolved config, the training and evaluation losses by step
 * (log scale; with the moving average's evaluation loss when the run keeps one), every other
 * logged number by step, and the model's sample videos on the first
 * evaluation batch (for an autoencoder: inputs and reconstructions).
 */
final class RunReport {
    private static final int SAMPLES = 4;

    private RunReport() {}

    static void write(Path file, String title, String configJson, List<JsonNode> records, TrainingTask task,
                      BatchSource evalData, int batchSize) {
        HtmlReport report = new HtmlReport(title);
        report.preformatted("Config", configJson);
        List<Series> losses = new ArrayList<>(List.of(series("train loss", records, "loss")));
        if (records.stream().anyMatch(r -> r.has("eval_loss"))) {
            losses.add(series("eval loss", records, "eval_loss"));
        }
        if (records.stream().anyMatch(r -> r.has("eval_ema_loss"))) {
            losses.add(series("eval loss, moving average of the weights", records, "eval_ema_loss"));
        }
        report.chart("Loss", losses, true);
        for (String metric : otherMetrics(records)) {
            report.chart(metric, List.of(series(metric, records, metric)), false);
        }
        try (MemoryScope scope = MemoryScope.open(); Grad.Mode off = Grad.noGrad()) {
            evalData.seek(0);
            Map<String, Tensor> videos = task.samples(evalData.next(Math.min(batchSize, SAMPLES)));
            List<HtmlReport.Sample> samples = new ArrayList<>();
            for (int i = 0; i < Math.min(batchSize, SAMPLES); i++) {
                for (Map.Entry<String, Tensor> v : videos.entrySet()) {
                    samples.add(new HtmlReport.Sample(v.getKey() + " " + i, Clip.of(v.getValue().slice(0, i, i + 1).squeeze(0))));
                }
            }
            if (!samples.isEmpty()) {
                report.samples("Samples (evaluation batch)", samples);
            }
        }
        report.write(file);
    }

    /** The values of {@code key} by step, over the records that have it. */
    private static Series series(String name, List<JsonNode> records, String key) {
        List<JsonNode> with = records.stream().filter(r -> r.has(key)).toList();
        double[] steps = with.stream().mapToDouble(r -> r.get("step").asDouble()).toArray();
        double[] values = with.stream().mapToDouble(r -> r.get(key).asDouble()).toArray();
        return new Series(name, steps, values);
    }

    /** Logged numbers other than the step, the losses and the throughput, in first-seen order. */
    private static List<String> otherMetrics(List<JsonNode> records) {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        List<String> skip = List.of("step", "loss", "eval_loss", "eval_ema_loss", "steps_per_s", "samples_per_s");
        for (JsonNode r : records) {
            r.fieldNames().forEachRemaining(name -> {
                if (!skip.contains(name)) {
                    seen.put(name, true);
                }
            });
        }
        return new ArrayList<>(seen.keySet());
    }
}
