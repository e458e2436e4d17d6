package train.run;

/** An output folder that holds another run (or, on resume, none): nothing was changed. */
public final class RunConflictException extends IllegalStateException {
    public RunConflictException(String message) {
        super(message);
    }
}
