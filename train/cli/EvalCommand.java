package train.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tensor.Backend;
import tensor.Devices;
import tensor.MemoryScope;
import train.models.TrainedVidIcl;
import train.run.RunDirectory;
import video.data.World;
import video.data.WorldConfig;
import video.vidicl.Sampling;
import video.vidicl.eval.EvalReport;
import video.vidicl.eval.EvalResult;
import video.vidicl.eval.EvalSettings;
import video.vidicl.eval.IclEvaluation;
import video.vidicl.eval.TokenGenerator;

/**
 * {@code zoetrope eval vidicl --checkpoint FILE|RUN [--out DIR]} and the {@link EvalOptions}
 * ({@code [--seed S] [--episodes N] [--demos K] [--device D] [--temperature T] [--top-k K]}): the in-context evaluation of MODELS.md
 * ({@link IclEvaluation}) of a trained Vid-ICL model on fresh scenes of the world it was trained on.
 * Writes {@code eval.json}, {@code report.html} and the example GIFs to {@code --out}.
 * {@code --checkpoint} is a checkpoint file or a run folder (its newest checkpoint is used).
 */
@Command(name = "eval", description = "Evaluate a trained model; for vidicl: in-context motion accuracy, PSNR and SSIM.")
final class EvalCommand implements Callable<Integer> {

    /** Where evaluation figures come from: separate from every training stream. */
    private static final long WORLD_SEED_SALT = 0xE7A1_0000_0000L;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model kind (vidicl).")
    private String model;

    @Option(names = "--checkpoint", paramLabel = "FILE|RUN", required = true,
            description = "A checkpoint of 'zoetrope train vidicl', or its run folder (the newest checkpoint).")
    private Path checkpoint;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/eval", description = "Output folder (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Mixin
    private EvalOptions options;

    @Override
    public Integer call() {
        if (!TrainedVidIcl.NAME.equals(model)) {
            throw usage("unknown model '" + model + "': expected " + TrainedVidIcl.NAME);
        }
        EvalSettings settings = options.settings();
        Sampling sampling = options.sampling();
        Path file = checkpointFile(spec, checkpoint);
        Backend backend = options.backend();
        PrintWriter printer = spec.commandLine().getOut();
        Path report = evaluate(spec, file, backend, settings, sampling, out, printer);
        printer.println("report: " + report);
        return 0;
    }

    /**
     * Loads the model from {@code file} and runs the evaluation on {@code backend}, printing
     * progress and the figures; returns the report's path. A setting the model cannot honour (more
     * demonstrations than its context holds) is a usage mistake of {@code spec}'s command.
     */
    @SuppressWarnings("try") // Devices.use is held for its effect
    static Path evaluate(CommandSpec spec, Path file, Backend backend, EvalSettings settings, Sampling sampling, Path out,
                         PrintWriter printer) {
        try (Devices.Selection use = Devices.use(backend); MemoryScope scope = MemoryScope.open()) {
            TrainedVidIcl.Loaded loaded = TrainedVidIcl.load(file);
            WorldConfig world = loaded.task().world();
            if (settings.demos() >= world.segmentsPerVideo()) {
                throw new ParameterException(spec.commandLine(), "--demos " + settings.demos() + " does not fit: the model "
                        + "was trained on videos of " + world.segmentsPerVideo() + " segments, so at most "
                        + (world.segmentsPerVideo() - 1) + " demonstration(s) precede a query");
            }
            printer.println("evaluating " + file + " (step " + loaded.step() + ", "
                    + loaded.task().model().numParameters() + " parameters"
                    + (loaded.averaged() ? ", moving average of the weights (ema_decay " + loaded.config().emaDecay() + ")" : "")
                    + ") on " + backend.name() + ": "
                    + settings.episodes() + " episodes per kind, " + settings.demos() + " demonstration(s), seed " + settings.seed());
            printer.flush();
            long started = System.nanoTime();
            TokenGenerator generator = new TokenGenerator(loaded.task().model(), loaded.task().tokenizer(), sampling, settings.seed());
            World scenes = new World(world, WORLD_SEED_SALT + settings.seed());
            EvalResult result = IclEvaluation.run(scenes, generator, settings,
                    line -> {
                        printer.println(line);
                        printer.flush();
                    }).withTokenizerCeiling(IclEvaluation.tokenizerCeiling(scenes, loaded.task().tokenizer(), settings));
            Map<String, String> about = new LinkedHashMap<>();
            about.put("checkpoint", file.toString());
            about.put("training step", Long.toString(loaded.step()));
            about.put("weights", loaded.averaged() ? "moving average (ema_decay " + loaded.config().emaDecay() + ")" : "as trained");
            about.put("model", loaded.task().model().toString());
            about.put("tokenizer", loaded.task().tokenizer().getClass().getSimpleName() + ", vocabulary "
                    + loaded.task().tokenizer().vocabulary() + ", " + loaded.task().tokenizer().tokensPerFrame() + " tokens a frame");
            about.put("world", loaded.config().data().toString());
            about.put("sampling", sampling.toString());
            about.put("episodes per kind", Integer.toString(settings.episodes()));
            about.put("demonstrations", Integer.toString(settings.demos()));
            about.put("seed", Long.toString(settings.seed()));
            about.put("device", backend.name());
            Path report = EvalReport.write(out, result, about);
            printer.printf(Locale.ROOT, "accuracy (chance 0.125): same %.3f  none %.3f  random %.3f  opposite (follows the demo) %.3f%n",
                    result.accuracy(video.data.DemoKind.SAME), result.accuracy(video.data.DemoKind.NONE),
                    result.accuracy(video.data.DemoKind.RANDOM), result.accuracy(video.data.DemoKind.OPPOSITE));
            var missed = result.misses(video.data.DemoKind.SAME);
            printer.printf(Locale.ROOT, "same-rule misses: %d without motion, %d 45° off, %d further off%n",
                    missed.still(), missed.neighbour(), missed.other());
            printer.printf(Locale.ROOT, "same-rule PSNR %.2f dB, SSIM %s; %.0f s%n", result.psnr(),
                    result.ssim().isPresent() ? String.format(Locale.ROOT, "%.4f", result.ssim().getAsDouble()) : "n/a",
                    (System.nanoTime() - started) / 1e9);
            EvalResult.Ceiling ceiling = result.tokenizerCeiling().orElseThrow();
            printer.printf(Locale.ROOT, "tokenizer ceiling (the ground truth through the tokenizer): same %.3f, PSNR %.2f dB%n",
                    ceiling.same(), ceiling.psnr());
            printer.println("eval.json: " + out.resolve("eval.json"));
            return report;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A checkpoint file, or a run folder's newest checkpoint; anything else is a usage mistake. */
    static Path checkpointFile(CommandSpec spec, Path path) {
        try {
            return RunDirectory.checkpointAt(path);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The backend {@code device} names, or the default one; an unknown device is a usage mistake. */
    static Backend backend(CommandSpec spec, String device) {
        try {
            return device == null ? Devices.current() : Devices.select(device);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
