package video.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Path;
import tensor.io.AtomicFile;

/**
 * Writes a video-side file (GIF, MP4, PNG, HTML report) all at once or not at all, through
 * {@link AtomicFile}: temporary file beside the target, forced to disk, atomically renamed. A
 * failure leaves any previous target intact and is reported as a {@link VideoFileException}
 * naming the file.
 */
public final class AtomicFiles {

    /** Writes the body of a file to a stream. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void write(Path target, Body body) {
        try {
            // The stream is not closed here: AtomicFile closes the channel after forcing it.
            AtomicFile.write(target, channel -> body.writeTo(Channels.newOutputStream(channel)));
        } catch (IOException | RuntimeException e) {
            throw e instanceof VideoFileException v ? v : new VideoFileException(target, "cannot write", e);
        }
    }

    public static void write(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }
}
