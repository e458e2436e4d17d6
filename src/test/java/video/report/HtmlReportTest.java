package video.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import video.data.Clip;
import video.data.World;
import video.data.WorldConfig;
import video.io.VideoFiles;

class HtmlReportTest {
    @TempDir
    Path dir;

    @Test
    void aReportHoldsItsSectionsInOneFile() throws IOException {
        Clip clip = new World(WorldConfig.defaults(32).withFrames(4, 1), 1).video(0).clip();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model", "vid-icl <small>");
        config.put("lr", 3e-4);
        double[] steps = {0, 10, 20, 30};
        Path file = dir.resolve("out/report.html");
        new HtmlReport("Run & results")
                .keyValues("Config", config)
                .chart("Loss", List.of(new Series("train", steps, new double[] {4, 2, 1, 0.5}),
                        new Series("val", new double[] {0, 20}, new double[] {4.2, 1.3})), true)
                .samples("Samples", List.of(new HtmlReport.Sample("video 0", clip, 100, 1)))
                .linkedSamples("Files", Map.of("saved", "samples/0.gif"))
                .table("Accuracy", List.of("demo", "accuracy"), List.of(List.of("same", 0.9), List.of("opposite", 0.1)))
                .paragraph("<script>alert(1)</script>")
                .write(file);
        String html = Files.readString(file);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<h1>Run &amp; results</h1>"));
        assertTrue(html.contains("<td>model</td><td>vid-icl &lt;small&gt;</td>"));
        assertTrue(html.contains("<td>opposite</td><td>0.1</td>"));
        assertFalse(html.contains("<script>"), "text must be escaped");
        assertTrue(html.contains("src=\"samples/0.gif\""));
        assertEquals(2, count(html, "<polyline"), "one polyline per series");
        Matcher points = Pattern.compile("points=\"([^\"]*)\"").matcher(html);
        assertTrue(points.find());
        assertEquals(4, points.group(1).split(" ").length, "four points in the train curve");

        Matcher gif = Pattern.compile("data:image/gif;base64,([A-Za-z0-9+/=]+)").matcher(html);
        assertTrue(gif.find(), "sample embedded as a data URI");
        Path extracted = dir.resolve("embedded.gif");
        Files.write(extracted, Base64.getDecoder().decode(gif.group(1)));
        Clip read = VideoFiles.read(extracted);
        assertEquals(clip.frames(), read.frames());
        try (var files = Files.list(dir.resolve("out"))) {
            assertEquals(List.of(file), files.toList(), "no temporary files left behind");
        }
    }

    @Test
    void axisTicksAreRoundNumbersAndStepsAreWhole() {
        assertEquals(List.of(10.0, 20.0, 30.0, 40.0), LineChart.ticks(5, 40, 1));
        assertEquals(List.of(1.0, 2.0, 3.0), LineChart.ticks(1, 3, 1)); // never a step of 0.5
        assertEquals(List.of(0.05, 0.1), LineChart.ticks(0.0198, 0.1229, 0));
        assertEquals(List.of(0.002, 0.004, 0.006, 0.008), LineChart.ticks(0.001016, 0.00997, 0));
        List<Double> log = LineChart.logTicks(Math.log10(0.0198), Math.log10(0.1229)); // at 0.02, 0.05, 0.1
        assertEquals(3, log.size(), log.toString());
        assertEquals(0.05, Math.pow(10, log.get(1)), 1e-12);
        assertEquals(List.of(-3.0, -2.0, -1.0, 0.0), LineChart.logTicks(-3, 0)); // many decades: powers of ten only
        assertEquals(List.of(-1.0, -0.5, 0.0, 0.5, 1.0), LineChart.ticks(-1, 1, 0)); // zero exactly
    }

    @Test
    void preformattedTextKeepsItsLinesAndIsEscaped() {
        String html = new HtmlReport("r").preformatted("Config", "{\n  \"a\" : \"<b>\"\n}\n").html();
        assertTrue(html.contains("<h2>Config</h2>\n<pre>{\n  &quot;a&quot; : &quot;&lt;b&gt;&quot;\n}</pre>"), html);
    }

    @Test
    void chartsSurviveEmptyConstantAndNonFiniteSeries() {
        assertTrue(LineChart.svg(List.of(), 300, 200, false).contains("no data"));
        String flat = LineChart.svg(List.of(new Series("flat", new double[] {1, 2}, new double[] {3, 3})), 300, 200, false);
        assertEquals(1, count(flat, "<polyline"));
        String gap = LineChart.svg(List.of(new Series("gap", new double[] {0, 1, 2, 3, 4},
                new double[] {1, 2, Double.NaN, 2, 1})), 300, 200, false);
        assertEquals(2, count(gap, "<polyline"), "a NaN splits the line");
        assertFalse(gap.contains("NaN"));
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
