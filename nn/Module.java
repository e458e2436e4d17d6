package nn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tensor.Backend;
import tensor.DType;
import tensor.MemoryScope;
import tensor.Tensor;
import tensor.io.Safetensors;

/**
 * A layer or a model: a tree of modules, each holding {@link Parameter}s (learned by gradient),
 * {@link Buffer}s (kept, not learned) and child modules, in the style of PyTorch's {@code nn.Module}.
 *
 * <p>Everything is registered explicitly in the constructor, in order, under a name without dots:
 * <pre>{@code
 * final class Block extends Module {
 *     final Linear proj;
 *     final Parameter scale;
 *     Block(int dim, Generator init) {
 *         proj = child("proj", new Linear(dim, dim, true, init));
 *         scale = param("scale", Tensor.ones(dim));
 *     }
 * }
 * }</pre>
 * The full name of a tensor joins the names on its path with dots, exactly as PyTorch does
 * ({@code encoder.blocks.0.conv.weight}); a model that registers the same tree as its PyTorch
 * counterpart therefore has the same state-dict keys, and a state dict saved as safetensors loads
 * in either framework.
 *
 * <p>Orders follow PyTorch: {@link #namedParameters()} lists a module's own parameters, then each
 * child's (recursively), in registration order, each shared parameter once; {@link #stateDict()}
 * lists a module's own parameters, then its own persistent buffers, then each child's entries.
 *
 * <p>A module does not declare {@code forward}: each layer defines the forward its inputs need
 * ({@code Variable forward(Variable x)} for most). Layers read {@link #isTraining()} for behaviour
 * that differs between training and evaluation (dropout).
 */
public abstract class Module implements AutoCloseable {
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Buffer> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    // ---- registration (constructors) ---------------------------------------------------------

    /** Registers a new parameter holding {@code value} (ownership as {@link Parameter#of}). */
    protected final Parameter param(String name, Tensor value) {
        return param(name, Parameter.of(value));
    }

    /** Registers an existing parameter, e.g. one shared with another module (weight tying). */
    protected final Parameter param(String name, Parameter parameter) {
        claim(name);
        parameters.put(name, parameter);
        return parameter;
    }

    /** Registers a persistent buffer (saved in the state dict). */
    protected final Buffer buffer(String name, Tensor value) {
        return buffer(name, value, true);
    }

    /** Registers a buffer; a non-persistent one (a cache that can be recomputed) is not saved. */
    protected final Buffer buffer(String name, Tensor value, boolean persistent) {
        claim(name);
        Buffer buffer = Buffer.of(value, persistent);
        buffers.put(name, buffer);
        return buffer;
    }

    /** Registers a child module and returns it, so a constructor can keep a typed field. */
    protected final <M extends Module> M child(String name, M module) {
        claim(name);
        if (module == this) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": a module cannot be its own child");
        }
        children.put(name, module);
        return module;
    }

    private void claim(String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": the name '" + name
                    + "' is not a valid module entry name (non-empty, no dots)");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": '" + name + "' is already registered");
        }
    }

    // ---- the tree ----------------------------------------------------------------------------

    /** The direct children, by name, in registration order. */
    public final Map<String, Module> namedChildren() {
        return Collections.unmodifiableMap(children);
    }

    /** This module (under the name {@code ""}) and every descendant, depth first, each once. */
    public final Map<String, Module> namedModules() {
        Map<String, Module> out = new LinkedHashMap<>();
        Set<Module> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        collectModules("", out, seen);
        return out;
    }

    private void collectModules(String prefix, Map<String, Module> out, Set<Module> seen) {
        if (!seen.add(this)) {
            return;
        }
        out.put(prefix, this);
        children.forEach((name, child) -> child.collectModules(join(prefix, name), out, seen));
    }

    /** Every parameter by full name, this module's first, each shared parameter once. */
    public final Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        namedModules().forEach((prefix, module) -> module.parameters.forEach((name, p) -> {
            if (seen.add(p)) {
                out.put(join(prefix, name), p);
            }
        }));
        return out;
    }

    /** Every parameter, in the order of {@link #namedParameters()}. */
    public final List<Parameter> parameters() {
        return List.copyOf(namedParameters().values());
    }

    /** Every buffer (persistent or not) by full name. */
    public final Map<String, Buffer> namedBuffers() {
        Map<String, Buffer> out = new LinkedHashMap<>();
        namedModules().forEach((prefix, module) -> module.buffers.forEach((name, b) -> out.put(join(prefix, name), b)));
        return out;
    }

    /** The number of learned scalars. */
    public final long numParameters() {
        return parameters().stream().mapToLong(Parameter::numel).sum();
    }

    private static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    // ---- modes and gradients -----------------------------------------------------------------

    public final boolean isTraining() {
        return training;
    }

    /** Sets training mode on this module and every descendant. */
    public final Module train(boolean on) {
        namedModules().values().forEach(m -> m.training = on);
        return this;
    }

    public final Module train() {
        return train(true);
    }

    /** Evaluation mode: {@code train(false)}. */
    public final Module eval() {
        return train(false);
    }

    /** Frees the accumulated gradient of every parameter. */
    public final void zeroGrad() {
        parameters().forEach(Parameter::zeroGrad);
    }

    // ---- state -------------------------------------------------------------------------------

    /**
     * Every parameter and persistent buffer by full name, in PyTorch's order. The tensors are the
     * module's own values (not copies): read or save them, do not close them.
     */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        stateEntries().forEach((name, entry) -> out.put(name, entry.value()));
        return out;
    }

    /** Entries of the state dict as the holders that can be set. */
    final Map<String, StateEntry> stateEntries() {
        Map<String, StateEntry> out = new LinkedHashMap<>();
        collectState("", out);
        return out;
    }

    private void collectState(String prefix, Map<String, StateEntry> out) {
        parameters.forEach((name, p) -> out.put(join(prefix, name), StateEntry.of(p)));
        buffers.forEach((name, b) -> {
            if (b.isPersistent()) {
                out.put(join(prefix, name), StateEntry.of(b));
            }
        });
        children.forEach((name, child) -> child.collectState(join(prefix, name), out));
    }

    /**
     * Copies the tensors of {@code state} into the parameters and persistent buffers of the same
     * name, converting dtype and backend. Everything is checked first: a shape that differs, or a
     * floating tensor for an integer entry (or the reverse), is always an error; with
     * {@code strict}, so are missing and unexpected names. All problems are reported together by a
     * {@link StateDictMismatchException}, and then nothing has changed.
     *
     * @return the names that were missing from, or unexpected in, {@code state} (empty when strict)
     */
    public final LoadResult loadStateDict(Map<String, Tensor> state, boolean strict) {
        Map<String, StateEntry> entries = stateEntries();
        List<String> missing = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        entries.forEach((name, entry) -> {
            Tensor t = state.get(name);
            if (t == null) {
                missing.add(name + " " + entry.value().shape());
            } else if (!t.shape().equals(entry.value().shape())) {
                mismatched.add(name + ": the module has " + entry.value().shape() + ", the state dict " + t.shape());
            } else if (t.dtype().isFloating() != entry.value().dtype().isFloating()) {
                mismatched.add(name + ": the module holds " + entry.value().dtype() + ", the state dict " + t.dtype());
            }
        });
        List<String> unexpected = state.keySet().stream().filter(k -> !entries.containsKey(k)).sorted().toList();
        if (!mismatched.isEmpty() || (strict && (!missing.isEmpty() || !unexpected.isEmpty()))) {
            throw new StateDictMismatchException(getClass().getSimpleName(),
                    strict ? missing : List.of(), strict ? unexpected : List.of(), mismatched);
        }
        entries.forEach((name, entry) -> {
            Tensor t = state.get(name);
            if (t != null) {
                entry.set(t);
            }
        });
        return new LoadResult(missing, unexpected);
    }

    /**
     * Saves {@link #stateDict()} as a safetensors file (sorted names, atomically replacing
     * {@code file}), with optional string metadata; loads in PyTorch with {@code safetensors.torch.load_file}.
     */
    public final void save(Path file, Map<String, String> metadata) throws IOException {
        Safetensors.write(file, stateDict(), metadata);
    }

    public final void save(Path file) throws IOException {
        save(file, Map.of());
    }

    /**
     * Loads a safetensors file written by {@link #save} (or by PyTorch) strictly: every entry must
     * be present with its shape, nothing else may be; otherwise nothing changes (see
     * {@link #loadStateDict}). Returns the file's metadata.
     */
    public final Map<String, String> load(Path file) throws IOException {
        try (MemoryScope scope = MemoryScope.open()) {
            Safetensors.Contents contents = Safetensors.read(file);
            loadStateDict(contents.tensors(), true);
            return contents.metadata();
        }
    }

    /** What a non-strict {@link #loadStateDict} left alone: entries absent from the state dict, keys it did not use. */
    public record LoadResult(List<String> missingKeys, List<String> unexpectedKeys) {
    }

    // ---- placement ---------------------------------------------------------------------------

    /** Moves every parameter and buffer to {@code backend} (gradients are dropped). */
    public final Module to(Backend backend) {
        convertAll(null, backend);
        return this;
    }

    /**
     * Casts every parameter and every floating buffer to the floating {@code dtype}, as PyTorch's
     * {@code module.to(dtype)} does (gradients are dropped); e.g. F64 for gradient checks.
     */
    public final Module to(DType dtype) {
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException("Module.to: parameters are floating, not " + dtype);
        }
        convertAll(dtype, null);
        return this;
    }

    private void convertAll(DType dtype, Backend backend) {
        for (Parameter p : parameters()) {
            p.convert(dtype == null ? p.dtype() : dtype, backend == null ? p.value().backend() : backend);
        }
        for (Buffer b : namedBuffers().values()) {
            DType target = dtype != null && b.dtype().isFloating() ? dtype : b.dtype();
            b.convert(target, backend == null ? b.value().backend() : backend);
        }
    }

    /** Frees every parameter, gradient and buffer of the tree; the module must not be used afterwards. */
    @Override
    public void close() {
        parameters().forEach(Parameter::close);
        namedBuffers().values().forEach(Buffer::close);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + numParameters() + " parameters)";
    }
}
