package train.optim;

import autograd.Variable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tensor.MemoryScope;
import tensor.OptimizerKind;
import tensor.OptimizerStep;
import tensor.ShapeException;
import tensor.Tensor;

/**
 * A first-order optimizer over {@link ParamGroup}s of {@link Variable} leaves, each update one
 * fused kernel per parameter ({@link tensor.Backend#optimizerStep}). Subclasses ({@link Sgd},
 * {@link Adam}, {@link AdamW}) supply the rule and its hyper-parameters; this class keeps the
 * groups, the per-parameter state and step counts, and the state dict.
 *
 * <h2>In place</h2>
 * Tensors are immutable values everywhere else in Zoetrope; parameters and optimizer state are
 * the exception. {@link #step()} overwrites each parameter's tensor ({@code p.value()}) and its
 * state tensors where they lie, through that one primitive and nowhere else: the {@code Variable}s
 * stay the same objects, and every view of a parameter's storage sees the new values. State
 * tensors are made on the parameter's backend at its first update, outside any
 * {@link MemoryScope}: they live until {@link #close()} or {@link #loadStateDict} replaces them.
 *
 * <h2>A training step</h2>
 * <pre>{@code
 * try (var scope = MemoryScope.open()) { model.loss(batch).backward(); }
 * optimizer.setLr(schedule.lr(step));
 * GradNorm norm = optimizer.clipGradNormAndStep(1.0);   // or optimizer.step()
 * optimizer.zeroGrad();
 * }</pre>
 *
 * Parameters without a gradient are skipped (their state and step count do not advance), as in
 * PyTorch.
 */
public abstract class Optimizer implements AutoCloseable {
    private final OptimizerKind kind;
    private final List<String> stateNames;
    private final double[] lr;
    private final double[] weightDecay;
    private final List<Slot> slots = new ArrayList<>();
    private final Map<String, Slot> byKey = new HashMap<>();

    /** One parameter: its key in the state dict, its group, its state tensors (null before its first update) and update count. */
    private static final class Slot {
        final String key;
        final Variable param;
        final int group;
        final Tensor[] state;
        long step;

        Slot(String key, Variable param, int group, int stateCount) {
            this.key = key;
            this.param = param;
            this.group = group;
            this.state = new Tensor[stateCount];
        }
    }

    /**
     * @param kind       the fused rule
     * @param stateNames the names of the state tensors passed as {@code m} then {@code v} (PyTorch's names)
     * @param groups     the parameters; a parameter may appear in one group only
     * @param defaultLr  the learning rate of groups that set none
     * @param defaultWeightDecay the weight decay of groups that set none
     */
    protected Optimizer(OptimizerKind kind, List<String> stateNames, List<ParamGroup> groups, double defaultLr,
            double defaultWeightDecay) {
        this.kind = kind;
        this.stateNames = List.copyOf(stateNames);
        this.lr = new double[groups.size()];
        this.weightDecay = new double[groups.size()];
        Set<Variable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int g = 0; g < groups.size(); g++) {
            ParamGroup group = groups.get(g);
            lr[g] = group.lr().orElse(defaultLr);
            weightDecay[g] = group.weightDecay().orElse(defaultWeightDecay);
            for (int i = 0; i < group.params().size(); i++) {
                Variable p = group.params().get(i);
                String key = group.isNamed() ? group.names().get(i) : Integer.toString(slots.size());
                if (!seen.add(p)) {
                    throw new IllegalArgumentException("optimizer: parameter '" + key + "' appears in more than one group");
                }
                if (byKey.containsKey(key)) {
                    throw new IllegalArgumentException("optimizer: two parameters are keyed '" + key
                            + "' (names must be unique across groups, and differ from the positions of unnamed parameters)");
                }
                if (!p.value().isContiguous()) {
                    throw new ShapeException("optimizer", "parameter '" + key + "' " + p.shape()
                            + " is a strided view; the in-place update needs its elements contiguous");
                }
                Slot slot = new Slot(key, p, g, stateNames.size());
                slots.add(slot);
                byKey.put(key, slot);
            }
        }
    }

    /** The hyper-parameters of one update of a parameter in a group with {@code lr} and {@code weightDecay}. */
    protected abstract OptimizerStep hyper(double lr, double weightDecay, long step, double gradScale);

    public final OptimizerKind kind() {
        return kind;
    }

    // ---- stepping ------------------------------------------------------------------------------

    /** Updates every parameter that has a gradient, in place. */
    public final void step() {
        step(1);
    }

    /**
     * Updates every parameter that has a gradient, in place, using {@code gradScale·g} for its
     * gradient (how clipping is folded into the update; see {@link GradNorm#scale()}). Every
     * gradient is checked before anything changes.
     */
    public final void step(double gradScale) {
        if (!(gradScale >= 0) || Double.isInfinite(gradScale)) {
            throw new IllegalArgumentException("step: the gradient scale must be finite and ≥ 0, got " + gradScale
                    + " (a NaN scale comes from a non-finite gradient norm: check GradNorm.isFinite() before stepping)");
        }
        List<Slot> updated = slots.stream().filter(s -> s.param.grad() != null).toList();
        updated.forEach(this::checkGradient);
        for (Slot s : updated) {
            update(s, gradScale);
        }
    }

    /**
     * Clips by global norm and steps: computes {@code ‖g‖} over every gradient, then steps with
     * {@code g·min(1, maxNorm/(‖g‖ + 10⁻⁶))} (PyTorch's {@code clip_grad_norm_}, folded into the
     * fused update). When the norm is NaN or infinite, nothing is updated: parameters, state and
     * step counts stay as they were, and the returned norm says so ({@link GradNorm#isFinite()});
     * the caller decides whether to skip the batch or stop.
     *
     * @return the norm before clipping, with the scale that was applied
     */
    public final GradNorm clipGradNormAndStep(double maxNorm) {
        GradNorm norm = GradientClipping.byGlobalNorm(parameters(), maxNorm);
        if (norm.isFinite()) {
            step(norm.scale());
        }
        return norm;
    }

    /** Forgets (and frees) every parameter's gradient. */
    public final void zeroGrad() {
        slots.forEach(s -> s.param.zeroGrad());
    }

    private void checkGradient(Slot s) {
        Tensor p = s.param.value();
        Tensor g = s.param.grad();
        if (!g.shape().equals(p.shape()) || g.dtype() != p.dtype() || g.backend() != p.backend()) {
            throw new ShapeException("optimizer step", "parameter '" + s.key + "' is " + p.dtype() + " " + p.shape()
                    + " on " + p.backend().name() + " but its gradient is " + g.dtype() + " " + g.shape() + " on "
                    + g.backend().name());
        }
    }

    private void update(Slot s, double gradScale) {
        Tensor p = s.param.value();
        if (s.step == 0) {
            for (int i = 0; i < s.state.length; i++) {
                s.state[i] = MemoryScope.within(null, p::zerosLike);
            }
        }
        s.step++;
        Tensor g = s.param.grad();
        Tensor dense = g.isContiguous() ? g : g.contiguous();
        try {
            p.backend().optimizerStep(kind, p, dense, state(s, 0), state(s, 1),
                    hyper(lr[s.group], weightDecay[s.group], s.step, gradScale));
        } finally {
            if (dense != g) {
                dense.close();
            }
        }
    }

    private static Tensor state(Slot s, int i) {
        return i < s.state.length ? s.state[i] : null;
    }

    // ---- parameters and groups ----------------------------------------------------------------

    /** Every parameter, group by group. */
    public final List<Variable> parameters() {
        return slots.stream().map(s -> s.param).toList();
    }

    public final int groupCount() {
        return lr.length;
    }

    public final double lr(int group) {
        return lr[group];
    }

    public final double weightDecay(int group) {
        return weightDecay[group];
    }

    /** Sets the learning rate of every group (what a schedule does each step). */
    public final void setLr(double value) {
        ParamGroup.checkNonNegative("learning rate", value);
        java.util.Arrays.fill(lr, value);
    }

    /** Sets the learning rate of one group. */
    public final void setLr(int group, double value) {
        ParamGroup.checkNonNegative("learning rate", value);
        lr[group] = value;
    }

    // ---- state --------------------------------------------------------------------------------

    /** The state to checkpoint: live state tensors (not copies) and update counts; see {@link OptimizerState}. */
    public final OptimizerState stateDict() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, Long> steps = new LinkedHashMap<>();
        for (Slot s : slots) {
            if (s.step > 0) {
                steps.put(s.key, s.step);
                for (int i = 0; i < s.state.length; i++) {
                    tensors.put(s.key + "." + stateNames.get(i), s.state[i]);
                }
            }
        }
        return new OptimizerState(tensors, steps);
    }

    /**
     * Replaces the whole state by copies of {@code state}'s tensors (moved to each parameter's
     * backend and dtype). Everything is checked first: an unknown or missing key, a shape that is
     * not the parameter's, or a step count below 1 raises an error naming it and changes nothing.
     */
    public final void loadStateDict(OptimizerState state) {
        for (Map.Entry<String, Long> e : state.steps().entrySet()) {
            Slot s = byKey.get(e.getKey());
            if (s == null) {
                throw new IllegalArgumentException("loadStateDict: unknown parameter '" + e.getKey() + "'; this optimizer has "
                        + byKey.keySet().stream().sorted().toList());
            }
            if (e.getValue() < 1) {
                throw new IllegalArgumentException("loadStateDict: parameter '" + e.getKey() + "' has step count "
                        + e.getValue() + "; a saved state has at least one update");
            }
            for (String name : stateNames) {
                Tensor t = state.tensors().get(e.getKey() + "." + name);
                if (t == null) {
                    throw new IllegalArgumentException("loadStateDict: missing '" + e.getKey() + "." + name + "'");
                }
                if (!t.shape().equals(s.param.shape()) || !t.dtype().isFloating()) {
                    throw new ShapeException("loadStateDict", "'" + e.getKey() + "." + name + "' is " + t.dtype() + " "
                            + t.shape() + " but the parameter is " + s.param.dtype() + " " + s.param.shape());
                }
            }
        }
        for (String key : state.tensors().keySet()) {
            int dot = key.lastIndexOf('.');
            if (dot < 0 || !state.steps().containsKey(key.substring(0, dot)) || !stateNames.contains(key.substring(dot + 1))) {
                throw new IllegalArgumentException("loadStateDict: unexpected tensor '" + key + "' (this optimizer keeps "
                        + stateNames + " per updated parameter)");
            }
        }
        // Copy first, then swap: the saved tensors may be this optimizer's own live state.
        Map<Slot, Tensor[]> copies = new IdentityHashMap<>();
        for (Slot s : slots) {
            if (state.steps().containsKey(s.key)) {
                Tensor[] copy = new Tensor[s.state.length];
                for (int i = 0; i < copy.length; i++) {
                    Tensor saved = state.tensors().get(s.key + "." + stateNames.get(i));
                    copy[i] = MemoryScope.within(null, () -> copyLike(saved, s.param.value()));
                }
                copies.put(s, copy);
            }
        }
        for (Slot s : slots) {
            freeState(s);
            Tensor[] copy = copies.get(s);
            s.step = copy == null ? 0 : state.steps().get(s.key);
            if (copy != null) {
                System.arraycopy(copy, 0, s.state, 0, copy.length);
            }
        }
    }

    /** A fresh contiguous copy of {@code t} on {@code like}'s backend, in its dtype. */
    private static Tensor copyLike(Tensor t, Tensor like) {
        if (t.backend() == like.backend()) {
            return t.to(like.dtype());
        }
        Tensor moved = t.to(like.backend());
        if (moved.dtype() == like.dtype()) {
            return moved;
        }
        try (moved) {
            return moved.to(like.dtype());
        }
    }

    private static void freeState(Slot s) {
        for (int i = 0; i < s.state.length; i++) {
            if (s.state[i] != null) {
                s.state[i].close();
                s.state[i] = null;
            }
        }
    }

    /** Frees the optimizer's state tensors (the parameters are the caller's). */
    @Override
    public void close() {
        slots.forEach(Optimizer::freeState);
    }
}
