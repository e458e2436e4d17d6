package tensor.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @Test
    void replacesTheTargetAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("a.bin");
        Files.write(target, new byte[] {1, 2, 3});
        AtomicFile.write(target, channel -> channel.write(ByteBuffer.wrap(new byte[] {9, 8})));
        assertArrayEquals(new byte[] {9, 8}, Files.readAllBytes(target));
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(target), listing.toList());
        }
    }

    @Test
    void aFailedWriteKeepsThePreviousFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("a.bin");
        Files.write(target, new byte[] {1, 2, 3});
        assertThrows(IOException.class, () -> AtomicFile.write(target, channel -> {
            channel.write(ByteBuffer.wrap(new byte[] {7}));
            throw new IOException("disk full");
        }));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(target), listing.toList());
        }
    }

    @Test
    void writtenFilesAreReadableByOthersLikeAnyNewFile(@TempDir Path dir) throws IOException {
        Path plain = Files.write(dir.resolve("plain.bin"), new byte[] {1});
        Path atomic = dir.resolve("atomic.bin");
        AtomicFile.write(atomic, channel -> channel.write(ByteBuffer.wrap(new byte[] {1})));
        var expected = Files.getPosixFilePermissions(plain);
        assertTrue(expected.contains(PosixFilePermission.OWNER_READ));
        assertEquals(expected, Files.getPosixFilePermissions(atomic), "same permissions as a plainly created file");
    }
}
