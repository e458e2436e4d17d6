package video.io;

import java.nio.file.Path;

/**
 * A video or image file that cannot be read or written: the message names the file and the
 * reason, in one line, e.g. {@code "clip.mp4: cannot decode: no video track"}.
 */
public final class VideoFileException extends RuntimeException {
    private final transient Path file;

    public VideoFileException(Path file, String reason) {
        super(file + ": " + reason);
        this.file = file;
    }

    public VideoFileException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"), cause);
        this.file = file;
    }

    /** The file in question. */
    public Path file() {
        return file;
    }
}
