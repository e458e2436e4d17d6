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
 * <p>Loading a state dict into a module replaces each {@link Parameter}'s variable, while an
 * optimizer holds the variables it was built with; so {@link #loadState} builds a fresh optimizer
 * over the module's current variables before loading the saved state into it. (The loop restores
 * the model before the optimizer.)
 */
public final class ModuleOptimization implements Optimization, AutoCloseable {
    private final Module module;
    private final Function<Map<String, Variable>, Optimizer> factory;
    private Optimizer optimizer;
    private double clipScale = 1;

    /** @param factory builds the optimizer over named parameter leaves (in the module's order) */
    public ModuleOptimization(Module module, Function<Map<String, Variable>, Optimizer> factory) {
        this.module = module;
        this.factory = factory;
        this.optimizer = factory.apply(variables());
    }

    private Map<String, Variable> variables() {
        Map<String, Variable> named = new LinkedHashMap<>();
        module.namedParameters().forEach((name, p) -> named.put(name, p.variable()));
        return named;
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
        Optimizer fresh = factory.apply(variables());
        try {
            fresh.loadStateDict(new OptimizerState(tensors, stepCounts));
        } catch (RuntimeException e) {
            fresh.close();
            throw e;
        }
        optimizer.close();
        optimizer = fresh;
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
