package train.optim;

import autograd.Variable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Parameters that share hyper-parameters (PyTorch's {@code param_groups}). A group may set its
 * own learning rate and weight decay; where it does not, the optimizer's defaults apply.
 * Parameters may carry names (from a module's {@code namedParameters}), which then key the
 * optimizer's state dict; unnamed ones are keyed by their position across all groups.
 *
 * @param names       one name per parameter, or empty for an unnamed group
 * @param params      leaves that require a gradient, each at most once
 * @param lr          this group's learning rate, if it overrides the optimizer's
 * @param weightDecay this group's weight decay, if it overrides the optimizer's
 */
public record ParamGroup(List<String> names, List<Variable> params, OptionalDouble lr, OptionalDouble weightDecay) {

    public ParamGroup {
        names = List.copyOf(names);
        params = Collections.unmodifiableList(new ArrayList<>(params));
        if (!names.isEmpty() && names.size() != params.size()) {
            throw new IllegalArgumentException("param group: " + names.size() + " names for " + params.size() + " parameters");
        }
        Set<Variable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < params.size(); i++) {
            Variable p = params.get(i);
            String what = names.isEmpty() ? "parameter " + i : "parameter '" + names.get(i) + "'";
            if (p == null) {
                throw new IllegalArgumentException("param group: " + what + " is null");
            }
            if (!p.isLeaf() || !p.requiresGrad()) {
                throw new IllegalArgumentException("param group: " + what + " is not a leaf that requires a gradient "
                        + "(make it with Variable.parameter)");
            }
            if (!seen.add(p)) {
                throw new IllegalArgumentException("param group: " + what + " appears twice");
            }
        }
        lr.ifPresent(v -> checkNonNegative("learning rate", v));
        weightDecay.ifPresent(v -> checkNonNegative("weight decay", v));
    }

    /** An unnamed group with the optimizer's hyper-parameters. */
    public static ParamGroup of(List<Variable> params) {
        return new ParamGroup(List.of(), params, OptionalDouble.empty(), OptionalDouble.empty());
    }

    public static ParamGroup of(Variable... params) {
        return of(List.of(params));
    }

    /** A named group, in the map's iteration order (use a LinkedHashMap for a stable order). */
    public static ParamGroup named(Map<String, Variable> params) {
        return new ParamGroup(new ArrayList<>(params.keySet()), new ArrayList<>(params.values()),
                OptionalDouble.empty(), OptionalDouble.empty());
    }

    /** This group with its own learning rate. */
    public ParamGroup withLr(double lr) {
        return new ParamGroup(names, params, OptionalDouble.of(lr), weightDecay);
    }

    /** This group with its own weight decay. */
    public ParamGroup withWeightDecay(double weightDecay) {
        return new ParamGroup(names, params, lr, OptionalDouble.of(weightDecay));
    }

    public boolean isNamed() {
        return !names.isEmpty();
    }

    static void checkNonNegative(String what, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("optimizer: the " + what + " must be finite and ≥ 0, got " + value);
        }
    }
}
