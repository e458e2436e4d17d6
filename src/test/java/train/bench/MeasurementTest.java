package train.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MeasurementTest {

    @Test
    void ratesFollowFromTheMedianTime() {
        Measurement m = Measurement.of("matmul256", "cpu", 2.0,
                List.of(Work.flops(2.0 * 256 * 256 * 256), Work.bytes(3 * 256 * 256 * 4), Work.tokens(256)));
        assertEquals(2.0 * 256 * 256 * 256 / 0.002 / 1e9, m.rates().get("gflops"), 1e-9);
        assertEquals(3 * 256 * 256 * 4 / 0.002 / 1e9, m.rates().get("gbps"), 1e-12);
        assertEquals(128_000, m.rates().get("tokens_per_s"), 1e-6);
    }

    @Test
    void jsonIsOneLineWithFourSignificantDigits() {
        Measurement m = Measurement.of("matmul256", "cl:0", 2.0, List.of(Work.flops(2.0 * 256 * 256 * 256)));
        assertEquals("{\"workload\":\"matmul256\",\"device\":\"cl:0\",\"ms\":2.0,\"gflops\":16.78}", m.toJson());
    }

    @Test
    void workloadsWithoutRatesReportOnlyTheTime() {
        Measurement m = Measurement.of("noop", "cpu", 0.123456, List.of());
        assertEquals("{\"workload\":\"noop\",\"device\":\"cpu\",\"ms\":0.1235}", m.toJson());
    }

    @Test
    void namesAreEscaped() {
        Measurement m = Measurement.of("odd\"name", "cpu", 1, List.of());
        assertEquals("{\"workload\":\"odd\\\"name\",\"device\":\"cpu\",\"ms\":1.0}", m.toJson());
    }
}
