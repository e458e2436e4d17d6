package train;

import autograd.Variable;
import java.util.LinkedHashMap;
import java.util.Map;
import tensor.Generator;
import tensor.MemoryScope;
import tensor.Tensor;

/**
 * A test double that exercises the loop without any layer or optimizer library: linear
 * regression {@code ŷ = x·Wᵀ + b} on batches {@code [B, in + out]} (inputs, then targets), its
 * parameters kept as host arrays and updated on the host by SGD with momentum ({@link #optimizer()}),
 * so that the optimizer has state a checkpoint must carry.
 */
final class HostLinearModel implements TrainingTask {
    final int in;
    final int out;
    final float[] weight;
    final float[] bias;
    private Variable w;
    private Variable b;

    HostLinearModel(int in, int out) {
        this.in = in;
        this.out = out;
        this.weight = new float[out * in];
        this.bias = new float[out];
        freshLeaves();
    }

    @Override
    public LossReport loss(Tensor batch, Generator rng) {
        Variable x = Variable.constant(batch.slice(1, 0, in).contiguous());
        Variable y = Variable.constant(batch.slice(1, in, in + out).contiguous());
        Variable error = x.matmul(w.transpose(0, 1)).add(b).sub(y);
        return new LossReport(error.square().mean(), Map.of("max_abs_error", error.value().abs().max().item()));
    }

    @Override
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("weight", Tensor.of(weight.clone(), out, in));
        state.put("bias", Tensor.of(bias.clone(), out));
        return state;
    }

    @Override
    public void loadState(Map<String, Tensor> state) {
        System.arraycopy(state.get("weight").toFloatArray(), 0, weight, 0, weight.length);
        System.arraycopy(state.get("bias").toFloatArray(), 0, bias, 0, bias.length);
        freshLeaves();
    }

    /** Leaves made outside every scope (so their gradients outlive a step) from the host arrays. */
    private void freshLeaves() {
        w = MemoryScope.within(null, () -> Variable.parameter(Tensor.of(weight.clone(), out, in)));
        b = MemoryScope.within(null, () -> Variable.parameter(Tensor.of(bias.clone(), out)));
    }

    /** SGD with momentum {@code μ}: {@code m ← μ·m + s·g, p ← p − γ·m} ({@code s}: the clipping scale). */
    Optimization optimizer(double momentum) {
        float[] weightMomentum = new float[weight.length];
        float[] biasMomentum = new float[bias.length];
        return new Optimization() {
            private double clipScale = 1;

            @Override
            public void zeroGrad() {
                w.value().close();
                b.value().close();
                w.zeroGrad();
                b.zeroGrad();
                freshLeaves();
            }

            @Override
            public double clipGradNorm(double maxNorm) {
                double sum = 0;
                for (float g : grad(w)) {
                    sum += (double) g * g;
                }
                for (float g : grad(b)) {
                    sum += (double) g * g;
                }
                double norm = Math.sqrt(sum);
                clipScale = norm > maxNorm ? maxNorm / norm : 1;
                return norm;
            }

            @Override
            public void step(double learningRate) {
                update(weight, weightMomentum, grad(w), learningRate);
                update(bias, biasMomentum, grad(b), learningRate);
                clipScale = 1;
            }

            private void update(float[] p, float[] m, float[] g, double learningRate) {
                for (int i = 0; i < p.length; i++) {
                    m[i] = (float) (momentum * m[i] + clipScale * g[i]);
                    p[i] -= (float) (learningRate * m[i]);
                }
            }

            @Override
            public Map<String, Long> stepCounts() {
                return Map.of();
            }

            @Override
            public Map<String, Tensor> stateTensors() {
                Map<String, Tensor> state = new LinkedHashMap<>();
                state.put("weight.momentum", Tensor.of(weightMomentum.clone(), out, in));
                state.put("bias.momentum", Tensor.of(biasMomentum.clone(), out));
                return state;
            }

            @Override
            public void loadState(Map<String, Tensor> state, Map<String, Long> stepCounts) {
                System.arraycopy(state.get("weight.momentum").toFloatArray(), 0, weightMomentum, 0, weightMomentum.length);
                System.arraycopy(state.get("bias.momentum").toFloatArray(), 0, biasMomentum, 0, biasMomentum.length);
            }
        };
    }

    private static float[] grad(Variable v) {
        return v.grad() == null ? new float[v.value().numel()] : v.grad().toFloatArray();
    }
}
