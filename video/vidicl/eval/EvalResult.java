package video.vidicl.eval;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import video.data.Compass;
import video.data.DemoKind;
import video.data.MotionFamily;

/**
 * The outcome of an in-context evaluation ({@link IclEvaluation}).
 *
 * @param scores               per demonstration kind: for SAME, NONE and RANDOM, generations whose
 *                             measured direction is the query's rule; for OPPOSITE, generations that
 *                             follow the opposite rule (the demonstration's)
 * @param confusion            per demonstration kind, the directions measured against the directions scored against
 * @param oppositeFollowsQuery for OPPOSITE demonstrations, generations that follow the query's own rule
 * @param byFamily             the scores split by the query rule's family
 * @param byDirection          the scores split by the query rule's direction ({@link Compass} index)
 * @param psnr                 mean PSNR (dB) of SAME-rule generations against the ground truth
 * @param ssim                 mean SSIM of the same, empty when the frames are too small for its window
 * @param generatedFrames      frames generated per episode
 * @param tokenizerCeiling     what the ground truth scores through the model's tokenizer, when measured
 */
public record EvalResult(EvalSettings settings, Map<DemoKind, Score> scores, Map<DemoKind, Confusion> confusion,
                         Score oppositeFollowsQuery,
                         Map<MotionFamily, Map<DemoKind, Score>> byFamily,
                         Map<Integer, Map<DemoKind, Score>> byDirection, double psnr, OptionalDouble ssim,
                         int generatedFrames, List<Example> examples, Optional<Ceiling> tokenizerCeiling) {

    /** Same-rule accuracy and PSNR of the ground-truth continuations seen through a tokenizer ({@link TokenizerCeiling}). */
    public record Ceiling(double same, double psnr) {}

    public EvalResult {
        scores = Map.copyOf(scores);
        confusion = Map.copyOf(confusion);
        byFamily = Map.copyOf(byFamily);
        byDirection = Map.copyOf(byDirection);
        examples = List.copyOf(examples);
    }

    /** This result with {@code ceiling} as its tokenizer ceiling. */
    public EvalResult withTokenizerCeiling(Ceiling ceiling) {
        return new EvalResult(settings, scores, confusion, oppositeFollowsQuery, byFamily, byDirection, psnr, ssim,
                generatedFrames, examples, Optional.of(ceiling));
    }

    public double accuracy(DemoKind kind) {
        return scores.get(kind).rate();
    }

    /** How the generations of {@code kind} that were not scored correct missed. */
    public Misses misses(DemoKind kind) {
        return confusion.get(kind).misses();
    }

    /**
     * {@code eval.json}: {@code {"icl": {"same", "none", "random", "opposite"}, "psnr", "ssim"}} as the
     * issue specifies, then what makes the figures interpretable: the settings, chance level, the
     * counts, how the misses missed and the whole confusion matrix, the OPPOSITE generations that followed the query instead, the
     * splits by the query rule's family and direction, and the tokenizer ceiling when measured.
     */
    public String toJson() {
        StringBuilder json = new StringBuilder("{\n");
        json.append("  \"icl\": ").append(rates(scores)).append(",\n");
        json.append("  \"psnr\": ").append(number(psnr)).append(",\n");
        json.append("  \"ssim\": ").append(ssim.isPresent() ? number(ssim.getAsDouble()) : "null").append(",\n");
        json.append("  \"episodes\": ").append(settings.episodes()).append(",\n");
        json.append("  \"seed\": ").append(settings.seed()).append(",\n");
        json.append("  \"demos\": ").append(settings.demos()).append(",\n");
        json.append("  \"prompt_frames\": ").append(settings.promptFrames()).append(",\n");
        json.append("  \"generated_frames\": ").append(generatedFrames).append(",\n");
        json.append("  \"chance\": ").append(number(1.0 / Compass.DIRECTIONS)).append(",\n");
        json.append("  \"opposite_follows_query\": ").append(number(oppositeFollowsQuery.rate())).append(",\n");
        json.append("  \"counts\": {").append(scores.keySet().stream().sorted()
                .map(k -> "\"" + key(k) + "\": [" + scores.get(k).correct() + ", " + scores.get(k).total() + "]")
                .collect(Collectors.joining(", "))).append("},\n");
        json.append("  \"misses\": {").append(confusion.keySet().stream().sorted()
                .map(k -> "\"" + key(k) + "\": {\"still\": " + misses(k).still() + ", \"neighbour\": "
                        + misses(k).neighbour() + ", \"other\": " + misses(k).other() + "}")
                .collect(Collectors.joining(", "))).append("},\n");
        json.append("  \"confusion\": {").append(confusion.keySet().stream().sorted()
                .map(k -> "\"" + key(k) + "\": " + confusion.get(k).toJson())
                .collect(Collectors.joining(",\n    "))).append("},\n");
        json.append("  \"by_family\": {").append(byFamily.keySet().stream().sorted()
                .map(f -> "\"" + f.name().toLowerCase(Locale.ROOT) + "\": " + rates(byFamily.get(f)))
                .collect(Collectors.joining(", "))).append("},\n");
        json.append("  \"by_direction\": {").append(byDirection.keySet().stream().sorted()
                .map(d -> "\"" + Compass.name(d) + "\": " + rates(byDirection.get(d)))
                .collect(Collectors.joining(", "))).append("}");
        tokenizerCeiling.ifPresent(c -> json.append(",\n  \"tokenizer_ceiling\": {\"same\": ").append(number(c.same()))
                .append(", \"psnr\": ").append(number(c.psnr())).append("}"));
        return json.append("\n}\n").toString();
    }

    private static String rates(Map<DemoKind, Score> scores) {
        return "{" + scores.keySet().stream().sorted()
                .map(k -> "\"" + key(k) + "\": " + number(scores.get(k).rate()))
                .collect(Collectors.joining(", ")) + "}";
    }

    static String key(DemoKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static String number(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalStateException("eval.json: a figure is " + value);
        }
        return String.format(Locale.ROOT, "%.6g", value);
    }
}
