package train.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The timing of one workload on one device: the median milliseconds per iteration and the rates
 * that follow from its {@link Work}, e.g. {@code gflops}.
 *
 * @param workload the workload's name
 * @param device   the backend's name, e.g. {@code cpu} or {@code cl:0}
 * @param ms       median wall-clock milliseconds per iteration, after warm-up
 * @param rates    rate name (e.g. {@code gflops}) to value
 */
public record Measurement(String workload, String device, double ms, Map<String, Double> rates) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MathContext FOUR_DIGITS = new MathContext(4);

    public Measurement {
        rates = Map.copyOf(rates);
    }

    /** The measurement for a median of {@code ms} milliseconds per iteration of {@code work}. */
    public static Measurement of(String workload, String device, double ms, List<Work> work) {
        Map<String, Double> rates = new HashMap<>();
        work.forEach(w -> rates.put(w.key(), w.rate(ms / 1000)));
        return new Measurement(workload, device, ms, rates);
    }

    /**
     * One JSON object on one line: {@code {"workload": …, "device": …, "ms": …, <rates>…}}, numbers
     * to four significant digits, rates in alphabetical order.
     */
    public String toJson() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("workload", workload);
        fields.put("device", device);
        fields.put("ms", fourDigits(ms));
        rates.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> fields.put(e.getKey(), fourDigits(e.getValue())));
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a measurement as JSON", e);
        }
    }

    private static double fourDigits(double x) {
        return Double.isFinite(x) ? new BigDecimal(x).round(FOUR_DIGITS).doubleValue() : x;
    }
}
