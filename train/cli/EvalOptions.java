package train.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tensor.Backend;
import video.vidicl.Sampling;
import video.vidicl.eval.EvalSettings;

/**
 * The options of an in-context evaluation that {@code zoetrope eval vidicl} and {@code zoetrope demo}
 * share (a picocli mixin): episodes, demonstrations, seed, sampling and device. A bad value is a
 * usage mistake of the command that mixes them in.
 */
final class EvalOptions {

    /** The command this mixin is part of (picocli injects it), for usage errors. */
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--episodes", paramLabel = "N", defaultValue = "64", description = "Query scenes per kind of demonstration (default: ${DEFAULT-VALUE}).")
    private int episodes;

    @Option(names = "--demos", paramLabel = "K", defaultValue = "1", description = "Demonstration segments before the query (default: ${DEFAULT-VALUE}).")
    private int demos;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the scenes, rules and sampling (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "1", description = "Sampling temperature (default: ${DEFAULT-VALUE}).")
    private double temperature;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "1", description = "Sample among the K likeliest tokens; 1 is greedy, 0 all (default: ${DEFAULT-VALUE}).")
    private int topK;

    @Option(names = "--device", paramLabel = "cpu|cl|cl:N", description = "Device (default: ZOETROPE_DEVICE, else the default device).")
    private String device;

    /** Episodes, demonstrations and seed as evaluation settings: a one-frame prompt, batches of 64, 4 example GIFs per kind. */
    EvalSettings settings() {
        if (episodes < 1) {
            throw usage("--episodes must be at least 1, got " + episodes);
        }
        if (demos < 1) {
            throw usage("--demos must be at least 1, got " + demos);
        }
        return new EvalSettings(episodes, demos, 1, seed, 64, 4);
    }

    Sampling sampling() {
        try {
            return new Sampling(temperature, topK);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** The device as given, or {@code null} for the default. */
    String device() {
        return device;
    }

    /** The backend of {@code --device}, or the default one. */
    Backend backend() {
        return EvalCommand.backend(spec, device);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
