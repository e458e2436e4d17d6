package tensor.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Replaces a file all at once (DESIGN §7): the content is written to a temporary file in the same
 * folder, forced to disk ({@link FileChannel#force}), then renamed over the target with
 * {@link StandardCopyOption#ATOMIC_MOVE}. A crash at any point leaves either the previous file or
 * the new one, never a mixture; a failed write deletes the temporary file and leaves the target alone.
 */
public final class AtomicFile {
    private AtomicFile() {}

    /** Writes the content into an open channel. */
    @FunctionalInterface
    public interface Content {
        void writeTo(FileChannel channel) throws IOException;
    }

    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Files.createDirectories(folder);
        // Created with CREATE_NEW rather than Files.createTempFile, so the file gets the usual
        // permissions (the process umask), not createTempFile's owner-only 0600.
        Path temporary = folder.resolve("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(channel);
                channel.force(true);
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + absolute + " atomically on this file system", e);
            }
            forceFolder(folder);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Makes the rename itself durable where the platform allows syncing a directory (Linux does). */
    private static void forceFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException unsupported) {
            // Some platforms cannot open or sync a directory; the rename is still atomic there.
        }
    }
}
