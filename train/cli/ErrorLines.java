package train.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports every failure as one line on stderr, prefixed by the command that failed
 * ({@code zoetrope bench: …}); with {@code --debug} the stack trace follows.
 * Usage mistakes exit with 2, failures of the work itself with 1.
 */
final class ErrorLines implements IParameterExceptionHandler, IExecutionExceptionHandler {

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine failed = e.getCommandLine();
        String command = failed.getCommandSpec().qualifiedName();
        String line = command + ": " + describe(e) + " (see '" + command + " --help')";
        report(failed.getErr(), line, e, Arrays.asList(args).contains("--debug"));
        return ExitCode.USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine failed, ParseResult parsed) {
        String what = e.getMessage() == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        boolean debug = debugRequested(parsed);
        String line = failed.getCommandSpec().qualifiedName() + ": error: " + what
                + (debug ? "" : " (run with --debug for the stack trace)");
        report(failed.getErr(), line, e, debug);
        return ExitCode.SOFTWARE;
    }

    /** Picocli's message, except that an unknown subcommand is called one and the valid ones are listed. */
    private static String describe(ParameterException e) {
        CommandLine failed = e.getCommandLine();
        if (e instanceof UnmatchedArgumentException unmatched
                && !failed.getSubcommands().isEmpty()
                && !unmatched.getUnmatched().isEmpty()
                && !unmatched.getUnmatched().get(0).startsWith("-")) {
            List<String> suggestions = unmatched.getSuggestions();
            return "unknown command '" + unmatched.getUnmatched().get(0) + "': expected one of "
                    + String.join(", ", failed.getSubcommands().keySet())
                    + (suggestions.isEmpty() ? "" : "; did you mean '" + suggestions.get(0) + "'?");
        }
        return lowerFirst(e.getMessage());
    }

    private static boolean debugRequested(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    private static void report(PrintWriter err, String line, Exception e, boolean debug) {
        err.println(line);
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
    }

    /** "Unknown option: '-x'" reads as "unknown option: '-x'" after the command's name. */
    private static String lowerFirst(String message) {
        if (message.length() > 1 && Character.isUpperCase(message.charAt(0)) && Character.isLowerCase(message.charAt(1))) {
            return Character.toLowerCase(message.charAt(0)) + message.substring(1);
        }
        return message;
    }
}
