package video.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import video.data.Clip;
import video.io.AtomicFiles;
import video.io.GifWriter;

/**
 * A self-contained HTML report, one file that opens in a browser from the file system: a title,
 * then sections in the order they are added: key–value tables (e.g. the config), line charts as
 * inline SVG, sample videos as looping GIFs (embedded as base64 {@code data:} URIs, or referenced
 * by a path relative to the report), tables of results, paragraphs. All text is HTML-escaped.
 *
 * <pre>{@code
 * new HtmlReport("VideoGPT on the in-context world")
 *     .keyValues("Config", Map.of("lr", 3e-4, "batch", 16))
 *     .chart("Loss", List.of(new Series("train", steps, losses)), true)
 *     .samples("Samples", List.of(new HtmlReport.Sample("step 1000", clip)))
 *     .table("Accuracy", List.of("demo", "accuracy"), rows)
 *     .write(Path.of("runs/report.html"));
 * }</pre>
 */
public final class HtmlReport {
    private static final String STYLE = "body{font-family:sans-serif;margin:2em;max-width:1100px}"
            + "table{border-collapse:collapse;margin:0.5em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}"
            + "th{background:#f3f3f3}figure{display:inline-block;margin:0.5em;text-align:center}"
            + "img{image-rendering:pixelated}figcaption{font-size:0.85em}"
            + "pre{background:#f6f6f6;border:1px solid #ccc;padding:0.5em;overflow-x:auto}";

    private final String title;
    private final List<String> sections = new ArrayList<>();

    /** A sample video: shown as a looping GIF with a caption. */
    public record Sample(String caption, Clip clip, int delayMillis, int scale) {
        public Sample(String caption, Clip clip) {
            this(caption, clip, 125, 4);
        }
    }

    public HtmlReport(String title) {
        this.title = title;
    }

    /** A two-column table of settings, in the map's iteration order. */
    public HtmlReport keyValues(String heading, Map<String, ?> entries) {
        List<List<?>> rows = new ArrayList<>();
        entries.forEach((k, v) -> rows.add(List.of(k, String.valueOf(v))));
        return table(heading, List.of("key", "value"), rows);
    }

    /** A table with a header row. */
    public HtmlReport table(String heading, List<String> header, List<? extends List<?>> rows) {
        StringBuilder html = new StringBuilder(h2(heading)).append("<table>\n<tr>");
        header.forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
        html.append("</tr>\n");
        for (List<?> row : rows) {
            html.append("<tr>");
            row.forEach(cell -> html.append("<td>").append(escape(String.valueOf(cell))).append("</td>"));
            html.append("</tr>\n");
        }
        sections.add(html.append("</table>\n").toString());
        return this;
    }

    /** A line chart of the series (e.g. losses by step); {@code logY} for a log-scaled value axis. */
    public HtmlReport chart(String heading, List<Series> series, boolean logY) {
        sections.add(h2(heading) + LineChart.svg(series, 720, 300, logY) + "\n");
        return this;
    }

    /** Sample videos embedded in the file as base64 GIFs. */
    public HtmlReport samples(String heading, List<Sample> samples) {
        StringBuilder html = new StringBuilder(h2(heading));
        for (Sample s : samples) {
            byte[] gif = GifWriter.encode(s.clip(), s.delayMillis(), s.scale());
            figure(html, "data:image/gif;base64," + Base64.getEncoder().encodeToString(gif), s.caption());
        }
        sections.add(html.append('\n').toString());
        return this;
    }

    /** Videos stored beside the report, referenced by relative path (e.g. {@code "samples/0001.gif"}). */
    public HtmlReport linkedSamples(String heading, Map<String, String> captionToRelativePath) {
        StringBuilder html = new StringBuilder(h2(heading));
        captionToRelativePath.forEach((caption, href) -> figure(html, href, caption));
        sections.add(html.append('\n').toString());
        return this;
    }

    /** Preformatted text (a JSON config, a log excerpt), its line breaks and indentation kept. */
    public HtmlReport preformatted(String heading, String text) {
        sections.add(h2(heading) + "<pre>" + escape(text.strip()) + "</pre>\n");
        return this;
    }

    public HtmlReport paragraph(String text) {
        sections.add("<p>" + escape(text) + "</p>\n");
        return this;
    }

    /** The whole document. */
    public String html() {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>").append(STYLE)
                .append("</style>\n</head>\n<body>\n<h1>").append(escape(title)).append("</h1>\n");
        sections.forEach(html::append);
        return html.append("</body>\n</html>\n").toString();
    }

    /** Writes the document as UTF-8, atomically. */
    public void write(Path file) {
        AtomicFiles.write(file, html().getBytes(StandardCharsets.UTF_8));
    }

    /** Escapes {@code & < > " '} for HTML text and attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String h2(String heading) {
        return "<h2>" + escape(heading) + "</h2>\n";
    }

    private static void figure(StringBuilder html, String src, String caption) {
        html.append("<figure><img src=\"").append(escape(src)).append("\" alt=\"").append(escape(caption))
                .append("\"><figcaption>").append(escape(caption)).append("</figcaption></figure>");
    }
}
