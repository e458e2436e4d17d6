package tensor.cpu;

import tensor.DType;
import tensor.OptimizerKind;
import tensor.OptimizerStep;
import tensor.Tensor;

/**
 * The fused optimizer update on host arrays ({@link tensor.Backend#optimizerStep}): parameter,
 * gradient and state are walked once, in place, in ranges split over the cores. The arithmetic is
 * done in double for both dtypes (F32 blocks are widened, updated, then rounded back), so each
 * rule is one loop that reads like the formula on {@link OptimizerKind}.
 */
final class CpuOptimizer {
    private static final int BLOCK = 1024;
    private static final int GRAIN = 1 << 15;

    private CpuOptimizer() {}

    static void step(OptimizerKind kind, Tensor param, Tensor grad, Tensor m, Tensor v, OptimizerStep h) {
        Rule rule = kind == OptimizerKind.SGD ? Sgd.of(h, m != null) : Adam.of(kind, h);
        int n = param.numel();
        if (param.dtype() == DType.F64) {
            double[] p = CpuBackend.f64(param);
            double[] g = CpuBackend.f64(grad);
            double[] ms = m == null ? null : CpuBackend.f64(m);
            double[] vs = v == null ? null : CpuBackend.f64(v);
            Parallel.forRange(n, GRAIN, (from, to) -> rule.apply(p, param.offset() + from, g, grad.offset() + from,
                    ms, m == null ? 0 : m.offset() + from, vs, v == null ? 0 : v.offset() + from, to - from));
        } else {
            Parallel.forRange(n, GRAIN, (from, to) -> new F32Blocks(param, grad, m, v).update(rule, from, to));
        }
    }

    /** One update rule over {@code n} elements of double arrays, each read from its offset; {@code m}/{@code v} may be null. */
    private interface Rule {
        void apply(double[] p, int po, double[] g, int go, double[] m, int mo, double[] v, int vo, int n);
    }

    /** {@link OptimizerKind#SGD}; {@code keep = 1 − τ}, {@code first} when {@code t = 1}. */
    private record Sgd(double lr, double weightDecay, double momentum, double keep, boolean nesterov, boolean first,
            double scale, boolean hasBuffer) implements Rule {
        static Sgd of(OptimizerStep h, boolean hasBuffer) {
            return new Sgd(h.lr(), h.weightDecay(), h.momentum(), 1 - h.dampening(), h.nesterov(), h.step() == 1,
                    h.gradScale(), hasBuffer);
        }

        @Override
        public void apply(double[] p, int po, double[] g, int go, double[] b, int bo, double[] v, int vo, int n) {
            for (int i = 0; i < n; i++) {
                double d = scale * g[go + i] + weightDecay * p[po + i];
                if (hasBuffer) {
                    double buf = first ? d : momentum * b[bo + i] + keep * d;
                    b[bo + i] = buf;
                    d = nesterov ? d + momentum * buf : buf;
                }
                p[po + i] -= lr * d;
            }
        }
    }

    /**
     * {@link OptimizerKind#ADAM} and {@link OptimizerKind#ADAMW} as one loop:
     * {@code p ← decay·p − stepSize · m / (√v / correction2 + ε)} with {@code g ← s·g + l2·p};
     * Adam has {@code decay = 1, l2 = λ}, AdamW {@code decay = 1 − γλ, l2 = 0}.
     */
    private record Adam(double decay, double l2, double beta1, double beta2, double stepSize, double correction2,
            double eps, double scale) implements Rule {
        static Adam of(OptimizerKind kind, OptimizerStep h) {
            boolean decoupled = kind == OptimizerKind.ADAMW;
            return new Adam(decoupled ? 1 - h.lr() * h.weightDecay() : 1, decoupled ? 0 : h.weightDecay(),
                    h.beta1(), h.beta2(), h.adamStepSize(), h.adamSecondMomentCorrection(), h.eps(), h.gradScale());
        }

        @Override
        public void apply(double[] p, int po, double[] g, int go, double[] m, int mo, double[] v, int vo, int n) {
            for (int i = 0; i < n; i++) {
                double pi = p[po + i];
                double d = scale * g[go + i] + l2 * pi;
                double mi = beta1 * m[mo + i] + (1 - beta1) * d;
                double vi = beta2 * v[vo + i] + (1 - beta2) * d * d;
                m[mo + i] = mi;
                v[vo + i] = vi;
                p[po + i] = decay * pi - stepSize * mi / (Math.sqrt(vi) / correction2 + eps);
            }
        }
    }

    /** F32 tensors seen block by block through double scratch arrays (one set per range, so per thread). */
    private static final class F32Blocks {
        private final Tensor param;
        private final Tensor grad;
        private final Tensor m;
        private final Tensor v;
        private final double[] p = new double[BLOCK];
        private final double[] g = new double[BLOCK];
        private final double[] ms;
        private final double[] vs;

        F32Blocks(Tensor param, Tensor grad, Tensor m, Tensor v) {
            this.param = param;
            this.grad = grad;
            this.m = m;
            this.v = v;
            this.ms = m == null ? null : new double[BLOCK];
            this.vs = v == null ? null : new double[BLOCK];
        }

        void update(Rule rule, int from, int to) {
            for (int at = from; at < to; at += BLOCK) {
                int n = Math.min(BLOCK, to - at);
                widen(param, at, n, p);
                widen(grad, at, n, g);
                widen(m, at, n, ms);
                widen(v, at, n, vs);
                rule.apply(p, 0, g, 0, ms, 0, vs, 0, n);
                narrow(p, param, at, n);
                narrow(ms, m, at, n);
                narrow(vs, v, at, n);
            }
        }

        private static void widen(Tensor t, int at, int n, double[] dst) {
            if (t != null) {
                ElementwiseRuns.widen(CpuBackend.f32(t), t.offset() + at, 1, n, dst);
            }
        }

        private static void narrow(double[] src, Tensor t, int at, int n) {
            if (t != null) {
                float[] dst = CpuBackend.f32(t);
                int o = t.offset() + at;
                for (int i = 0; i < n; i++) {
                    dst[o + i] = (float) src[i];
                }
            }
        }
    }
}
