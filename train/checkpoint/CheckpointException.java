package train.checkpoint;

/**
 * A checkpoint that cannot be used: missing, unreadable, not a safetensors file, or not one Zoetrope
 * wrote. The message is one line naming the file and the problem; nothing was changed.
 */
public final class CheckpointException extends RuntimeException {
    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
