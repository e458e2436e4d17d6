package train.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tensor.Devices;
import tensor.MemoryScope;
import tensor.Tensor;
import tensor.io.Safetensors;
import tensor.io.SafetensorsFormatException;

/**
 * {@code zoetrope inspect FILE}: the tensors of a safetensors file (a checkpoint or a state dict)
 * with their dtypes, shapes and element counts, then its metadata (a checkpoint's step, random
 * stream, data position, version and config), by key. The whole file is checked as it is read; a
 * missing or corrupt one is a one-line usage error that says what is wrong with it.
 */
@Command(name = "inspect", description = "List a checkpoint's (or any safetensors file's) tensors, shapes, dtypes and metadata.")
final class InspectCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A .safetensors file.")
    private Path file;

    @Override
    public Integer call() throws IOException {
        if (!Files.exists(file)) {
            throw new ParameterException(spec.commandLine(), "no such file: " + file);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (MemoryScope scope = MemoryScope.open()) {
            Safetensors.Contents contents = read();
            long total = 0;
            int nameWidth = contents.tensors().keySet().stream().mapToInt(String::length).max().orElse(0);
            out.println(file + ": " + contents.tensors().size() + " tensors");
            for (Map.Entry<String, Tensor> e : contents.tensors().entrySet()) {
                Tensor t = e.getValue();
                total += t.numel();
                out.printf("  %-" + Math.max(1, nameWidth) + "s  %-3s  %-16s  %,d%n", e.getKey(), t.dtype(), t.shape(), t.numel());
            }
            out.printf("  total %,d elements%n", total);
            if (!contents.metadata().isEmpty()) {
                out.println("metadata:");
                new TreeMap<>(contents.metadata()).forEach((key, value) -> out.println("  " + key + ": " + indentContinuation(value)));
            }
        }
        return 0;
    }

    private Safetensors.Contents read() throws IOException {
        try {
            return Safetensors.read(file, Devices.cpu());
        } catch (NoSuchFileException e) {
            throw new ParameterException(spec.commandLine(), "no such file: " + file);
        } catch (SafetensorsFormatException e) {
            throw new ParameterException(spec.commandLine(), "not a valid safetensors file: " + e.getMessage());
        }
    }

    /** A multi-line value (a config) with its later lines indented under its key. */
    private static String indentContinuation(String value) {
        return value.strip().replace("\n", "\n    ");
    }
}
