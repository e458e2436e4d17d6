package video.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import video.data.Clip;

/**
 * Reads any supported video into a {@code [3, T, H, W]} clip in {@code [0, 1]}, choosing the reader
 * from the path: a folder of PNG/JPEG frames, {@code .gif}, {@code .mp4}/{@code .m4v}/{@code .mov},
 * or a single {@code .png}/{@code .jpg}/{@code .jpeg} image (one frame). Every failure is a
 * {@link VideoFileException} naming the file and the reason.
 */
public final class VideoFiles {
    private VideoFiles() {
    }

    public static Clip read(Path path) {
        if (Files.isDirectory(path)) {
            return FrameFolderReader.read(path);
        }
        if (!Files.exists(path)) {
            throw new VideoFileException(path, "no such file");
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gif")) {
            return GifReader.read(path);
        }
        if (name.endsWith(".mp4") || name.endsWith(".m4v") || name.endsWith(".mov")) {
            return Mp4Codec.read(path);
        }
        if (FrameFolderReader.isFrame(path)) {
            return Frames.clip(List.of(FrameFolderReader.readImage(path)));
        }
        throw new VideoFileException(path, "unsupported file type (expected a frame folder, .gif, .mp4, .m4v, .mov, "
                + ".png, .jpg or .jpeg)");
    }

    /** Writes frame {@code t} of a clip as {@code dir/00000.png, 00001.png, …}, each file atomically. */
    public static void writeFrames(Path dir, Clip clip) {
        for (int t = 0; t < clip.frames(); t++) {
            Frames.writePng(dir.resolve(String.format(Locale.ROOT, "%05d.png", t)), Frames.image(clip, t));
        }
    }
}
