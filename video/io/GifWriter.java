package video.io;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import video.data.Clip;

/**
 * Writes looping animated GIFs with javax.imageio: one image per frame, a delay in hundredths of
 * a second, and the NETSCAPE2.0 application extension with loop count 0 (forever). Frames with
 * more than 256 colours are quantised by the JDK's palette builder; the world's frames have few
 * colours and survive exactly.
 */
public final class GifWriter {

    /** One GIF image: drawn at {@code (left, top)} on the canvas, then disposed of as {@code disposal} says. */
    public record Frame(BufferedImage image, int left, int top, GifDisposal disposal) {
    }

    private GifWriter() {
    }

    /** Writes {@code clip} (1 or 3 channels) as a looping GIF, each frame scaled up {@code scale} times. */
    public static void write(Path file, Clip clip, int delayMillis, int scale) {
        byte[] bytes = encode(clip, delayMillis, scale);
        AtomicFiles.write(file, bytes);
    }

    /** The GIF file's bytes, e.g. to embed in a report. */
    public static byte[] encode(Clip clip, int delayMillis, int scale) {
        List<Frame> frames = new ArrayList<>();
        for (int t = 0; t < clip.frames(); t++) {
            frames.add(new Frame(scaled(Frames.image(clip, t), scale), 0, 0, GifDisposal.KEEP));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            encode(frames, delayMillis, out);
        } catch (IOException e) {
            throw new IllegalStateException("GIF encoding failed in memory: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** Writes frames as they are given (sub-images, offsets and disposal included) to a stream. */
    public static void encode(List<Frame> frames, int delayMillis, OutputStream out) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.prepareWriteSequence(null);
            for (int i = 0; i < frames.size(); i++) {
                Frame f = frames.get(i);
                IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(f.image()), null);
                describe(meta, f, delayMillis, i == 0);
                writer.writeToSequence(new IIOImage(f.image(), null, meta), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
    }

    private static void describe(IIOMetadata meta, Frame f, int delayMillis, boolean first) throws IOException {
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", f.disposal().metadataName);
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(Math.max(0, Math.round(delayMillis / 10f))));
        control.setAttribute("transparentColorIndex", "0");
        IIOMetadataNode descriptor = child(root, "ImageDescriptor");
        descriptor.setAttribute("imageLeftPosition", Integer.toString(f.left()));
        descriptor.setAttribute("imageTopPosition", Integer.toString(f.top()));
        if (first) {
            IIOMetadataNode extension = new IIOMetadataNode("ApplicationExtension");
            extension.setAttribute("applicationID", "NETSCAPE");
            extension.setAttribute("authenticationCode", "2.0");
            extension.setUserObject(new byte[] {1, 0, 0});
            child(root, "ApplicationExtensions").appendChild(extension);
        }
        meta.setFromTree(format, root);
    }

    /** The child named {@code name}, created if absent. */
    static IIOMetadataNode child(IIOMetadataNode parent, String name) {
        for (int i = 0; i < parent.getLength(); i++) {
            if (parent.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) parent.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        parent.appendChild(node);
        return node;
    }

    static BufferedImage scaled(BufferedImage img, int scale) {
        if (scale == 1) {
            return img;
        }
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be at least 1, got " + scale);
        }
        BufferedImage out = new BufferedImage(img.getWidth() * scale, img.getHeight() * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                out.setRGB(x, y, img.getRGB(x / scale, y / scale));
            }
        }
        return out;
    }
}
