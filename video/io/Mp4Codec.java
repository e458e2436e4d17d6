package video.io;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jcodec.api.FrameGrab;
import org.jcodec.api.awt.AWTSequenceEncoder;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.Picture;
import org.jcodec.scale.AWTUtil;
import video.data.Clip;

/**
 * MP4 through jcodec: reading decodes every frame of the video track ({@link FrameGrab}; jcodec
 * decodes H.264 in MP4/MOV, not every codec), writing encodes H.264 at a frame rate
 * ({@link AWTSequenceEncoder}). H.264 is lossy and stores colour at half resolution (YUV 4:2:0), so a
 * round trip is approximate; jcodec pads odd sizes, so write even widths and heights.
 *
 * <p>jcodec 0.2.5's encoder stores full-range ("JPEG") YUV without marking it, while decoders, jcodec's
 * own included, read H.264 as limited ("video") range, which darkens the picture and crushes its
 * shadows. The writer therefore maps each RGB channel into {@code [16, 235]} before encoding: the
 * full-range luma of the mapped colour is the limited-range luma of the original, so standard
 * decoders show the intended colours (chroma comes out within about 2%, 224/219).
 */
public final class Mp4Codec {
    private Mp4Codec() {
    }

    public static Clip read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new VideoFileException(file, "no such file");
        }
        try (SeekableByteChannel channel = NIOUtils.readableChannel(file.toFile())) {
            FrameGrab grab = FrameGrab.createFrameGrab(channel);
            List<BufferedImage> frames = new ArrayList<>();
            for (Picture p = grab.getNativeFrame(); p != null; p = grab.getNativeFrame()) {
                frames.add(AWTUtil.toBufferedImage(p));
            }
            if (frames.isEmpty()) {
                throw new VideoFileException(file, "video track has no frames");
            }
            return Frames.clip(frames);
        } catch (VideoFileException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw new VideoFileException(file, "cannot decode as MP4/H.264 with jcodec", e);
        }
    }

    /** Encodes a clip as H.264 MP4 at {@code fps} frames per second, atomically. */
    public static void write(Path file, Clip clip, int fps) {
        Frames.requireGreyOrRgb(clip);
        AtomicFiles.write(file, out -> {
            Path temp = Files.createTempFile("zoetrope", ".mp4");
            try {
                AWTSequenceEncoder encoder = AWTSequenceEncoder.createSequenceEncoder(temp.toFile(), fps);
                for (int t = 0; t < clip.frames(); t++) {
                    encoder.encodeImage(toVideoRange(Frames.image(clip, t)));
                }
                encoder.finish();
                Files.copy(temp, out);
            } finally {
                Files.deleteIfExists(temp);
            }
        });
    }

    /** Each channel {@code v ↦ 16 + round(v·219/255)}: full-range levels squeezed into video range. */
    private static BufferedImage toVideoRange(BufferedImage img) {
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y), out = 0;
                for (int shift = 16; shift >= 0; shift -= 8) {
                    out |= (16 + Math.round(((p >> shift) & 0xff) * 219f / 255)) << shift;
                }
                img.setRGB(x, y, out);
            }
        }
        return img;
    }
}
