package video.io;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import tensor.ShapeException;
import video.data.Clip;

/**
 * A contact sheet: one row per clip, one column per frame, frames scaled up by an integer factor
 * (nearest neighbour) and separated by {@code gap}-pixel lines of a separator colour. Rows may have
 * different lengths; clips must share height and width.
 */
public final class PngGrid {
    private PngGrid() {
    }

    public static BufferedImage render(List<Clip> rows, int scale, int gap, int separatorRgb) {
        if (rows.isEmpty() || scale < 1 || gap < 0) {
            throw new IllegalArgumentException("PngGrid: needs at least one clip, scale ≥ 1 and gap ≥ 0");
        }
        int h = rows.get(0).height(), w = rows.get(0).width();
        int columns = 0;
        for (Clip c : rows) {
            Frames.requireGreyOrRgb(c);
            if (c.height() != h || c.width() != w) {
                throw new ShapeException("PngGrid", "clip " + c + " does not match frame size " + h + "×" + w);
            }
            columns = Math.max(columns, c.frames());
        }
        int cellW = w * scale, cellH = h * scale;
        BufferedImage sheet = new BufferedImage(gap + columns * (cellW + gap), gap + rows.size() * (cellH + gap),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setColor(new java.awt.Color(separatorRgb));
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        g.dispose();
        for (int r = 0; r < rows.size(); r++) {
            Clip clip = rows.get(r);
            for (int t = 0; t < clip.frames(); t++) {
                int left = gap + t * (cellW + gap), top = gap + r * (cellH + gap);
                for (int y = 0; y < cellH; y++) {
                    for (int x = 0; x < cellW; x++) {
                        sheet.setRGB(left + x, top + y, Frames.rgb(clip, t, y / scale, x / scale));
                    }
                }
            }
        }
        return sheet;
    }

    /** Writes the grid as a PNG file, atomically; separator white, one pixel wide. */
    public static void write(Path file, List<Clip> rows, int scale) {
        Frames.writePng(file, render(rows, scale, 1, 0xffffff));
    }
}
