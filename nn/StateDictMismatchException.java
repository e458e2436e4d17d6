package nn;

import java.util.ArrayList;
import java.util.List;

/**
 * A state dict that does not fit a module: every missing, unexpected and mis-shaped entry, named,
 * in one message. Thrown by {@link Module#loadStateDict} before anything is changed.
 */
public final class StateDictMismatchException extends RuntimeException {
    private final List<String> missing;
    private final List<String> unexpected;
    private final List<String> mismatched;

    StateDictMismatchException(String module, List<String> missing, List<String> unexpected, List<String> mismatched) {
        super(message(module, missing, unexpected, mismatched));
        this.missing = List.copyOf(missing);
        this.unexpected = List.copyOf(unexpected);
        this.mismatched = List.copyOf(mismatched);
    }

    private static String message(String module, List<String> missing, List<String> unexpected, List<String> mismatched) {
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add("missing " + missing);
        }
        if (!unexpected.isEmpty()) {
            parts.add("unexpected " + unexpected);
        }
        if (!mismatched.isEmpty()) {
            parts.add("mismatched " + mismatched);
        }
        int count = missing.size() + unexpected.size() + mismatched.size();
        return "loadStateDict into " + module + ": " + count + " problem" + (count == 1 ? "" : "s")
                + " (nothing was loaded): " + String.join("; ", parts);
    }

    /** Entries of the module absent from the state dict, as {@code name [shape]}. */
    public List<String> missing() {
        return missing;
    }

    /** Keys of the state dict the module does not have. */
    public List<String> unexpected() {
        return unexpected;
    }

    /** Entries whose shape or kind of dtype differs, each naming both sides. */
    public List<String> mismatched() {
        return mismatched;
    }
}
