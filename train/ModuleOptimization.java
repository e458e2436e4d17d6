package train;

import autograd.Variable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import nn.Module;
import nn.Parameter;
import train.optim.GradNorm;
import train.optim.GradientClipping;
import train.optim.Optimizer;
import train.optim.OptimizerState;
import tensor.Tensor;

/**
 * A {@link train.optim.Optimizer} over a module's named parameters, as the loop uses it.
 *
 * <p>Loading a state dict into a module overwrites each {@link Parameter}'s value in place
 * ({@link Parameter#set}), so the optimizer built here keeps updating the live parameters after a
 * restore; {@link #loadState} only replaces the moments and step counts (checked first: a bad
 * state changes nothing).
 */
public final class ModuleOptimization implements Optimization, AutoCloseable {
    private final Optimizer optimizer;
    private double clipScale = 1;

    /** @param factory builds the optimizer over named parameter leaves (in the module's order) */
    public ModuleOptimization(Module module, Function<Map<String, Variable>, Optimizer> factory) {
        Map<String, Variable> named = new LinkedHashMap<>();
        module.namedParameters().forEach((name, p) -> named.put(name, p.variable()));
        this.optimizer = factory.apply(named);
    }

    @Override
    public void zeroGrad() {
        optimizer.zeroGrad();
    }

    @Override
    public double clipGradNorm(double maxNorm) {
        if (maxNorm == Double.POSITIVE_INFINITY) {
            clipScale = 1;
            return GradientClipping.globalNorm(optimizer.parameters());
        }
        GradNorm norm = GradientClipping.byGlobalNorm(optimizer.parameters(), maxNorm);
        clipScale = norm.isFinite() ? norm.scale() : 1;
        return norm.norm();
    }

    @Override
    public void step(double learningRate) {
        optimizer.setLr(learningRate);
        optimizer.step(clipScale);
        clipScale = 1;
    }

    @Override
    public Map<String, Tensor> stateTensors() {
        return optimizer.stateDict().tensors();
    }

    @Override
    public Map<String, Long> stepCounts() {
        return optimizer.stateDict().steps();
    }

    @Override
    public void loadState(Map<String, Tensor> tensors, Map<String, Long> stepCounts) {
        optimizer.loadStateDict(new OptimizerState(tensors, stepCounts));
    }

    /** The parameters the optimizer updates now. */
    public List<Variable> parameters() {
        return optimizer.parameters();
    }

    @Override
    public void close() {
        optimizer.close();
    }
}
