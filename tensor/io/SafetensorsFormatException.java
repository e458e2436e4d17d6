package tensor.io;

import java.io.IOException;

/**
 * A file that is not a valid safetensors file: the message names the file and what is wrong
 * ({@code model.safetensors: tensor 'fc.weight': F32 [3, 4] needs 48 bytes, data_offsets span 40}).
 */
public final class SafetensorsFormatException extends IOException {
    private final String file;

    public SafetensorsFormatException(String file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public SafetensorsFormatException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file (as given to the reader) that is malformed. */
    public String file() {
        return file;
    }
}
