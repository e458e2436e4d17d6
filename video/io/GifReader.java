package video.io;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import video.data.Clip;

/**
 * Reads an animated GIF into a {@code [3, T, H, W]} clip of the frames as a viewer shows them.
 * GIF frames may be sub-images: each is drawn (respecting transparency) at its offset on a canvas of
 * the logical screen size, the composed canvas is the output frame, then the frame's disposal
 * method applies: keep, clear its rectangle, or restore the canvas from before it. Pixels never
 * painted (or cleared) read as black.
 */
public final class GifReader {
    private GifReader() {
    }

    public static Clip read(Path file) {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new VideoFileException(file, "cannot open");
            }
            reader.setInput(in, false);
            int count = reader.getNumImages(true);
            if (count <= 0) {
                throw new VideoFileException(file, "GIF has no frames");
            }
            int[] screen = logicalScreen(reader);
            List<BufferedImage> frames = new ArrayList<>();
            BufferedImage canvas = null;
            for (int i = 0; i < count; i++) {
                BufferedImage image = reader.read(i);
                IIOMetadataNode root = tree(reader.getImageMetadata(i));
                IIOMetadataNode descriptor = GifWriter.child(root, "ImageDescriptor");
                int left = intAttribute(descriptor, "imageLeftPosition");
                int top = intAttribute(descriptor, "imageTopPosition");
                GifDisposal disposal = GifDisposal.ofMetadataName(
                        GifWriter.child(root, "GraphicControlExtension").getAttribute("disposalMethod"));
                if (canvas == null) {
                    int w = screen[0] > 0 ? screen[0] : left + image.getWidth();
                    int h = screen[1] > 0 ? screen[1] : top + image.getHeight();
                    canvas = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
                }
                BufferedImage before = disposal == GifDisposal.PREVIOUS ? copy(canvas) : null;
                Graphics2D g = canvas.createGraphics();
                g.drawImage(image, left, top, null);
                g.dispose();
                frames.add(opaque(canvas));
                if (disposal == GifDisposal.BACKGROUND) {
                    Graphics2D clear = canvas.createGraphics();
                    clear.setComposite(AlphaComposite.Clear);
                    clear.fillRect(left, top, image.getWidth(), image.getHeight());
                    clear.dispose();
                } else if (before != null) {
                    canvas = before;
                }
            }
            return Frames.clip(frames);
        } catch (IOException | RuntimeException e) {
            throw e instanceof VideoFileException v ? v : new VideoFileException(file, "cannot decode as GIF", e);
        } finally {
            reader.dispose();
        }
    }

    private static int[] logicalScreen(ImageReader reader) throws IOException {
        IIOMetadata stream = reader.getStreamMetadata();
        if (stream == null) {
            return new int[] {0, 0};
        }
        IIOMetadataNode screen = GifWriter.child(tree(stream), "LogicalScreenDescriptor");
        return new int[] {intAttribute(screen, "logicalScreenWidth"), intAttribute(screen, "logicalScreenHeight")};
    }

    private static IIOMetadataNode tree(IIOMetadata meta) {
        return (IIOMetadataNode) meta.getAsTree(meta.getNativeMetadataFormatName());
    }

    private static int intAttribute(IIOMetadataNode node, String name) {
        String value = node.getAttribute(name);
        return value == null || value.isEmpty() ? 0 : Integer.parseInt(value);
    }

    private static BufferedImage copy(BufferedImage img) {
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_ARGB);
        out.setData(img.getData());
        return out;
    }

    /** The canvas over black: transparent pixels become black, others keep their colour. */
    private static BufferedImage opaque(BufferedImage canvas) {
        BufferedImage out = new BufferedImage(canvas.getWidth(), canvas.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(canvas, 0, 0, null);
        g.dispose();
        return out;
    }
}
