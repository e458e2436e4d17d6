package video.io;

import java.awt.image.BufferedImage;
import java.util.List;
import tensor.ShapeException;
import video.data.Clip;

/**
 * Converts between clip frames and {@link BufferedImage}s. Values in {@code [0, 1]} map to 8-bit
 * channels by {@code round(255·clamp(v, 0, 1))} and back by {@code v / 255}, so 8-bit frames
 * survive a round trip exactly. One-channel clips are grey; three-channel clips are RGB.
 */
public final class Frames {
    private Frames() {
    }

    /** Frame {@code t} as an RGB image. */
    public static BufferedImage image(Clip clip, int t) {
        requireGreyOrRgb(clip);
        BufferedImage img = new BufferedImage(clip.width(), clip.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < clip.height(); y++) {
            for (int x = 0; x < clip.width(); x++) {
                img.setRGB(x, y, rgb(clip, t, y, x));
            }
        }
        return img;
    }

    /** Pixel {@code (x, y)} of frame {@code t} as packed {@code 0xRRGGBB}. */
    public static int rgb(Clip clip, int t, int y, int x) {
        int r = byteOf(clip.get(0, t, y, x));
        int g = clip.channels() == 3 ? byteOf(clip.get(1, t, y, x)) : r;
        int b = clip.channels() == 3 ? byteOf(clip.get(2, t, y, x)) : r;
        return (r << 16) | (g << 8) | b;
    }

    /** RGB images of equal size as a {@code [3, T, H, W]} clip. */
    public static Clip clip(List<BufferedImage> images) {
        if (images.isEmpty()) {
            throw new ShapeException("Frames.clip", "needs at least one image");
        }
        int h = images.get(0).getHeight(), w = images.get(0).getWidth();
        Clip clip = Clip.zeros(3, images.size(), h, w);
        for (int t = 0; t < images.size(); t++) {
            BufferedImage img = images.get(t);
            if (img.getHeight() != h || img.getWidth() != w) {
                throw new ShapeException("Frames.clip", "frame " + t + " is " + img.getWidth() + "×" + img.getHeight()
                        + " but frame 0 is " + w + "×" + h);
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = img.getRGB(x, y);
                    clip.data()[clip.index(0, t, y, x)] = ((p >> 16) & 0xff) / 255f;
                    clip.data()[clip.index(1, t, y, x)] = ((p >> 8) & 0xff) / 255f;
                    clip.data()[clip.index(2, t, y, x)] = (p & 0xff) / 255f;
                }
            }
        }
        return clip;
    }

    /** Writes an image as a PNG file, atomically. */
    public static void writePng(java.nio.file.Path file, BufferedImage image) {
        AtomicFiles.write(file, out -> {
            if (!javax.imageio.ImageIO.write(image, "png", out)) {
                throw new java.io.IOException("no PNG writer available");
            }
        });
    }

    static int byteOf(float v) {
        return Math.round(255 * Math.max(0, Math.min(1, Float.isNaN(v) ? 0 : v)));
    }

    static void requireGreyOrRgb(Clip clip) {
        if (clip.channels() != 1 && clip.channels() != 3) {
            throw new ShapeException("Frames", "images need 1 or 3 channels, clip is " + clip);
        }
    }
}
