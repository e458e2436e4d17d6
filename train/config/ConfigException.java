package train.config;

/**
 * A configuration that cannot be used: unreadable JSON, an unknown key, a value of the wrong type or
 * out of range. The message is one line that names the file and the key, e.g.
 * {@code run.json: unknown key 'optimizer.lerning_rate' (known keys there: name, learning_rate, …)}.
 */
public final class ConfigException extends IllegalArgumentException {
    public ConfigException(String message) {
        super(message);
    }
}
