package video.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import video.data.Clip;

/**
 * Reads a folder of PNG or JPEG frames (files ending {@code .png}, {@code .jpg}, {@code .jpeg},
 * any case), sorted by file name, into a {@code [3, T, H, W]} clip. Other files are ignored; all
 * frames must share one size. Name frames with zero-padded numbers ({@code 0001.png}) so that
 * name order is time order.
 */
public final class FrameFolderReader {
    private FrameFolderReader() {
    }

    public static Clip read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new VideoFileException(folder, Files.exists(folder) ? "is not a folder" : "no such folder");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(FrameFolderReader::isFrame).sorted().toList();
        } catch (IOException e) {
            throw new VideoFileException(folder, "cannot list", e);
        }
        if (files.isEmpty()) {
            throw new VideoFileException(folder, "has no .png, .jpg or .jpeg frames");
        }
        List<BufferedImage> images = new ArrayList<>();
        for (Path f : files) {
            BufferedImage img = readImage(f);
            BufferedImage first = images.isEmpty() ? img : images.get(0);
            if (img.getWidth() != first.getWidth() || img.getHeight() != first.getHeight()) {
                throw new VideoFileException(f, "is " + img.getWidth() + "×" + img.getHeight() + " but " + files.get(0)
                        .getFileName() + " is " + first.getWidth() + "×" + first.getHeight());
            }
            images.add(img);
        }
        return Frames.clip(images);
    }

    /** One PNG/JPEG/GIF image file (the first image of a GIF). */
    static BufferedImage readImage(Path file) {
        try {
            BufferedImage img = ImageIO.read(file.toFile());
            if (img == null) {
                throw new VideoFileException(file, "is not an image javax.imageio can decode");
            }
            return img;
        } catch (IOException e) {
            throw new VideoFileException(file, "cannot decode image", e);
        }
    }

    static boolean isFrame(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && (name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg"));
    }
}
