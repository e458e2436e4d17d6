package video.vidicl.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import video.data.Clip;
import video.data.Compass;
import video.data.DemoKind;
import video.data.MotionRule;
import video.io.GifWriter;
import video.report.HtmlReport;

/**
 * Writes an evaluation's artefacts into a folder: {@code eval.json}, one GIF per kept example in
 * {@code gifs/} (four panels side by side: demonstration | query | generation | ground truth, each
 * a whole segment long; the query holds its last prompt frame, the generation and the ground truth
 * start with the prompt) and {@code report.html} (the table of accuracies and the GIFs).
 */
public final class EvalReport {
    private static final float SEPARATOR = 1f;
    private static final int SCALE = 8;
    private static final int DELAY_MS = 250;

    private EvalReport() {}

    /** Writes everything; returns the report's path. {@code about} lines describe the model and the run. */
    public static Path write(Path folder, EvalResult result, Map<String, String> about) {
        video.io.AtomicFiles.write(folder.resolve("eval.json"), result.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HtmlReport report = new HtmlReport("Vid-ICL in-context evaluation");
        report.keyValues("Model and settings", about);
        report.table("Direction accuracy (8 directions, chance 12.5%)",
                List.of("demonstration", "scored against", "accuracy", "correct / episodes",
                        "missed: no motion / 45° off / further"), rows(result));
        List<String> columns = new ArrayList<>(List.of("rule, on screen"));
        for (int measured = 0; measured < Confusion.columns(); measured++) {
            columns.add(Confusion.columnName(measured));
        }
        report.table("Same-rule demonstrations: direction measured (columns) by the rule's on-screen direction (rows)", columns,
                confusionRows(result.confusion().get(DemoKind.SAME)));
        report.paragraph(String.format(Locale.ROOT, "Same-rule generations against the ground truth: PSNR %.2f dB, SSIM %s."
                        + " With opposite-rule demonstrations, %.1f%% of generations still followed the query's own rule.",
                result.psnr(), result.ssim().isPresent() ? String.format(Locale.ROOT, "%.4f", result.ssim().getAsDouble()) : "n/a",
                100 * result.oppositeFollowsQuery().rate()));
        result.tokenizerCeiling().ifPresent(c -> report.paragraph(String.format(Locale.ROOT,
                "The tokenizer's ceiling: the ground-truth continuations, through the tokenizer, are measured moving the"
                        + " query's way in %.1f%% of the same episodes, at %.2f dB; a perfect model over these tokens would"
                        + " score that.", 100 * c.same(), c.psnr())));
        Map<String, String> gifs = new LinkedHashMap<>();
        int index = 0;
        for (Example e : result.examples()) {
            String name = String.format(Locale.ROOT, "gifs/%s-%02d.gif", EvalResult.key(e.kind()), index++);
            GifWriter.write(folder.resolve(name), sideBySide(e), DELAY_MS, SCALE);
            gifs.put(caption(e), name);
        }
        report.linkedSamples("Examples: demonstration | query | generation | ground truth", gifs);
        Path html = folder.resolve("report.html");
        report.write(html);
        return html;
    }

    private static List<List<?>> rows(EvalResult result) {
        List<List<?>> rows = new ArrayList<>();
        for (DemoKind kind : List.of(DemoKind.SAME, DemoKind.NONE, DemoKind.RANDOM, DemoKind.OPPOSITE)) {
            Score s = result.scores().get(kind);
            Misses m = result.misses(kind);
            rows.add(List.of(EvalResult.key(kind), kind == DemoKind.OPPOSITE ? "the opposite rule" : "the query's rule",
                    String.format(Locale.ROOT, "%.1f%%", 100 * s.rate()), s.correct() + " / " + s.total(),
                    m.still() + " / " + m.neighbour() + " / " + m.other()));
        }
        return rows;
    }

    private static List<List<?>> confusionRows(Confusion confusion) {
        List<List<?>> rows = new ArrayList<>();
        for (int expected = 0; expected < Compass.DIRECTIONS; expected++) {
            List<Object> row = new ArrayList<>(List.of(Compass.name(expected)));
            for (int measured = 0; measured < Confusion.columns(); measured++) {
                row.add(confusion.count(expected, measured));
            }
            rows.add(row);
        }
        return rows;
    }

    private static String caption(Example e) {
        return EvalResult.key(e.kind()) + ": query " + describe(e.rule())
                + (e.demo().isPresent() ? ", demo " + describe(e.demoRule()) : ", no demo")
                + "; measured " + (e.motion().moved() ? Compass.name(e.motion().direction()) : "no motion")
                + (e.correct() ? " ✓" : " ✗");
    }

    private static String describe(MotionRule rule) {
        return rule.family().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + Compass.name(rule.direction())
                + " ×" + rule.speed();
    }

    /** The four panels of an example, each {@code framesPerSegment} long, with a one-pixel white separator. */
    static Clip sideBySide(Example e) {
        Continuation c = e.continuation();
        int length = c.prompt().frames() + c.generated().frames();
        Clip query = hold(c.prompt(), length);
        Clip demo = e.demo().map(d -> hold(d, length)).orElse(Clip.zeros(3, length, query.height(), query.width()));
        Clip generation = Clip.concatFrames(List.of(c.prompt(), c.generated()));
        Clip truth = Clip.concatFrames(List.of(c.prompt(), e.truth()));
        return hstack(List.of(demo, query, generation, truth));
    }

    /** The clip, cut or extended by repeating its last frame to {@code length} frames. */
    static Clip hold(Clip clip, int length) {
        List<Clip> parts = new ArrayList<>();
        parts.add(clip.frames(0, Math.min(length, clip.frames())));
        for (int t = clip.frames(); t < length; t++) {
            parts.add(clip.frames(clip.frames() - 1, clip.frames()));
        }
        return Clip.concatFrames(parts);
    }

    /** Clips of one length and height next to each other, a separator column between them. */
    static Clip hstack(List<Clip> panels) {
        Clip first = panels.get(0);
        int width = panels.stream().mapToInt(Clip::width).sum() + panels.size() - 1;
        float[] out = new float[3 * first.frames() * first.height() * width];
        java.util.Arrays.fill(out, SEPARATOR);
        Clip canvas = new Clip(3, first.frames(), first.height(), width, out);
        int left = 0;
        for (Clip p : panels) {
            for (int ch = 0; ch < 3; ch++) {
                for (int t = 0; t < p.frames(); t++) {
                    for (int y = 0; y < p.height(); y++) {
                        System.arraycopy(p.data(), p.index(ch, t, y, 0), out, canvas.index(ch, t, y, left), p.width());
                    }
                }
            }
            left += p.width() + 1;
        }
        return canvas;
    }
}
