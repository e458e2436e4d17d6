package video.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import video.data.Clip;
import video.data.World;
import video.data.WorldConfig;

class VideoFilesTest {
    @TempDir
    Path dir;

    private static Clip worldClip() {
        return new World(WorldConfig.defaults(32).withFrames(6, 2), 42).video(3).clip();
    }

    /** A clip with values on the 8-bit grid, so PNG round trips are exact. */
    private static Clip noiseClip(int frames, int h, int w) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
        Clip c = Clip.zeros(3, frames, h, w);
        for (int i = 0; i < c.data().length; i++) {
            c.data()[i] = rng.nextInt(256) / 255f;
        }
        return c;
    }

    @Test
    void pngFramesRoundTripExactly() {
        Clip clip = noiseClip(4, 9, 13);
        VideoFiles.writeFrames(dir.resolve("frames"), clip);
        assertEquals(clip, VideoFiles.read(dir.resolve("frames")));
    }

    @Test
    void framesAreSortedByNameAndOtherFilesIgnored() throws IOException {
        Clip clip = noiseClip(3, 5, 5);
        Path folder = dir.resolve("f");
        Files.createDirectories(folder);
        String[] names = {"b.png", "c.PNG", "a.png"};
        for (int t = 0; t < 3; t++) {
            Frames.writePng(folder.resolve(names[t]), Frames.image(clip, t));
        }
        Files.writeString(folder.resolve("notes.txt"), "not a frame");
        Clip read = VideoFiles.read(folder);
        assertEquals(clip.frames(2, 3), read.frames(0, 1));
        assertEquals(clip.frames(0, 1), read.frames(1, 2));
        assertEquals(clip.frames(1, 2), read.frames(2, 3));
    }

    @Test
    void gifRoundTripKeepsTheWorldsFrames() {
        Clip clip = worldClip();
        Path gif = dir.resolve("world.gif");
        GifWriter.write(gif, clip, 100, 1);
        Clip read = VideoFiles.read(gif);
        assertEquals(clip.frames(), read.frames());
        assertEquals(clip.height(), read.height());
        // The world has fewer than 256 colours per frame, so palette quantisation loses only 8-bit rounding.
        float worst = 0;
        for (int i = 0; i < clip.data().length; i++) {
            worst = Math.max(worst, Math.abs(clip.data()[i] - read.data()[i]));
        }
        assertTrue(worst <= 0.5f / 255 + 1e-6, "largest difference " + worst);
    }

    @Test
    void gifOfManyColoursRoundTripsUpToQuantisation() {
        Clip clip = noiseClip(2, 16, 16);
        Path gif = dir.resolve("noise.gif");
        GifWriter.write(gif, clip, 40, 1);
        Clip read = VideoFiles.read(gif);
        double mse = 0;
        for (int i = 0; i < clip.data().length; i++) {
            double d = clip.data()[i] - read.data()[i];
            mse += d * d;
        }
        mse /= clip.data().length;
        assertTrue(mse < 0.01, "mean squared error " + mse);
    }

    @Test
    void gifWriterLoopsForeverAndStoresTheDelay() throws IOException {
        Path gif = dir.resolve("loop.gif");
        GifWriter.write(gif, worldClip(), 120, 2);
        byte[] bytes = Files.readAllBytes(gif);
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        int netscape = text.indexOf("NETSCAPE2.0");
        assertTrue(netscape > 0, "no NETSCAPE2.0 loop extension");
        assertArrayEquals(new byte[] {3, 1, 0, 0}, java.util.Arrays.copyOfRange(bytes, netscape + 11, netscape + 15),
                "sub-block: size 3, id 1, loop count 0 (forever)");
        int control = text.indexOf("\u0021\u00f9\u0004");
        assertEquals(12, (bytes[control + 4] & 0xff) | (bytes[control + 5] & 0xff) << 8, "delay in 1/100 s");
        assertEquals(64, VideoFiles.read(gif).width(), "scale 2 doubles the size");
    }

    @Test
    void gifSubImagesAreComposedWithOffsetsAndDisposal() throws IOException {
        BufferedImage base = solid(12, 10, 0x204060);
        BufferedImage patch = solid(3, 2, 0xff0000);
        BufferedImage patch2 = solid(2, 2, 0x00ff00);
        Path gif = dir.resolve("sub.gif");
        try (OutputStream out = Files.newOutputStream(gif)) {
            GifWriter.encode(List.of(
                    new GifWriter.Frame(base, 0, 0, GifDisposal.KEEP),
                    new GifWriter.Frame(patch, 4, 5, GifDisposal.PREVIOUS),
                    new GifWriter.Frame(patch2, 1, 1, GifDisposal.BACKGROUND),
                    new GifWriter.Frame(solid(1, 1, 0xffffff), 11, 9, GifDisposal.KEEP)), 50, out);
        }
        Clip c = GifReader.read(gif);
        assertEquals(4, c.frames());
        assertEquals(12, c.width());
        assertEquals(10, c.height());
        assertEquals(0x204060, Frames.rgb(c, 1, 0, 0));
        assertEquals(0xff0000, Frames.rgb(c, 1, 5, 4), "patch drawn at its offset (x 4, y 5)");
        assertEquals(0xff0000, Frames.rgb(c, 1, 6, 6));
        assertEquals(0x204060, Frames.rgb(c, 1, 7, 4), "below the patch");
        assertEquals(0x204060, Frames.rgb(c, 2, 5, 4), "restoreToPrevious removed the patch");
        assertEquals(0x00ff00, Frames.rgb(c, 2, 1, 1));
        assertEquals(0x000000, Frames.rgb(c, 3, 1, 1), "restoreToBackground cleared the rectangle");
        assertEquals(0xffffff, Frames.rgb(c, 3, 9, 11));
        assertEquals(0x204060, Frames.rgb(c, 3, 0, 0));
    }

    @Test
    void mp4RoundTripIsApproximate() {
        Clip clip = worldClip();
        Path mp4 = dir.resolve("world.mp4");
        Mp4Codec.write(mp4, clip, 8);
        Clip read = VideoFiles.read(mp4);
        assertEquals(clip.frames(), read.frames());
        assertEquals(clip.height(), read.height());
        assertEquals(clip.width(), read.width());
        double mse = 0;
        for (int i = 0; i < clip.data().length; i++) {
            double d = clip.data()[i] - read.data()[i];
            mse += d * d;
        }
        double psnr = 10 * Math.log10(1 / (mse / clip.data().length));
        assertTrue(psnr > 27, "PSNR of the H.264 round trip (lossy, 4:2:0 chroma) is " + psnr + " dB");
    }

    @Test
    void failuresNameTheFileAndTheReason() throws IOException {
        Path missing = dir.resolve("missing.mp4");
        var e = assertThrows(VideoFileException.class, () -> VideoFiles.read(missing));
        assertEquals(missing + ": no such file", e.getMessage());

        Path garbage = dir.resolve("garbage.mp4");
        Files.write(garbage, new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        e = assertThrows(VideoFileException.class, () -> VideoFiles.read(garbage));
        assertTrue(e.getMessage().startsWith(garbage + ": cannot decode as MP4/H.264"), e.getMessage());

        Path badGif = dir.resolve("bad.gif");
        Files.writeString(badGif, "GIF89a but not really");
        e = assertThrows(VideoFileException.class, () -> VideoFiles.read(badGif));
        assertTrue(e.getMessage().startsWith(badGif + ": "), e.getMessage());

        Path empty = Files.createDirectories(dir.resolve("empty"));
        e = assertThrows(VideoFileException.class, () -> VideoFiles.read(empty));
        assertEquals(empty + ": has no .png, .jpg or .jpeg frames", e.getMessage());

        Path text = dir.resolve("clip.avi");
        Files.writeString(text, "x");
        e = assertThrows(VideoFileException.class, () -> VideoFiles.read(text));
        assertTrue(e.getMessage().contains("unsupported file type"), e.getMessage());
    }

    @Test
    void aFailedWriteLeavesThePreviousFileAndNoTemporaryFiles() throws IOException {
        Path target = dir.resolve("out.bin");
        AtomicFiles.write(target, new byte[] {1, 2, 3});
        assertThrows(VideoFileException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[] {9, 9});
            throw new IOException("disk on fire");
        }));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
    }

    @Test
    void pngGridLaysOutRowsAndColumnsWithSeparators() {
        Clip a = noiseClip(3, 4, 5), b = noiseClip(2, 4, 5);
        BufferedImage grid = PngGrid.render(List.of(a, b), 2, 1, 0xffffff);
        assertEquals(1 + 3 * (10 + 1), grid.getWidth());
        assertEquals(1 + 2 * (8 + 1), grid.getHeight());
        assertEquals(0xffffff, grid.getRGB(0, 0) & 0xffffff);
        assertEquals(Frames.rgb(a, 2, 3, 4), grid.getRGB(1 + 2 * 11 + 9, 1 + 7) & 0xffffff);
        assertEquals(Frames.rgb(b, 1, 0, 0), grid.getRGB(1 + 11, 1 + 9) & 0xffffff);
    }

    private static BufferedImage solid(int w, int h, int rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }
}
