package autograd.examples;

import autograd.CustomOp;
import autograd.Variable;
import com.aparapi.Kernel;
import com.aparapi.Range;
import java.util.List;
import tensor.Devices;
import tensor.Tensor;

/**
 * A worked custom op whose forward and backward are Aparapi kernels: the parametrised swish
 * {@code y = x·σ(βx)} with a learnable scalar β (Ramachandran, Zoph &amp; Le 2017, "Searching for
 * Activation Functions"). With {@code s = σ(βx)} and {@code s' = s(1 − s)}:
 * <pre>
 *   ∂L/∂x = g·(s + βx·s')
 *   ∂L/∂β = Σ g·x²·s'
 * </pre>
 * The kernels are plain Java ({@link Kernel#run}, one work-item per element). Aparapi translates
 * them to OpenCL C and runs them on an OpenCL device when its native library loads and finds one
 * that takes them (doubles need {@code cl_khr_fp64}); otherwise it runs the same {@code run()}
 * on a Java thread pool. {@link #lastExecutionMode()} says which happened.
 *
 * <p>The cost: Aparapi works on Java arrays, so each call reads the input tensors back to the
 * host ({@link Tensor#toDoubleArray()}), lets Aparapi copy them to its device and back, and
 * uploads the result as a new tensor on the input's backend: on an OpenCL backend that is a
 * device → host → (Aparapi device → host) → device round trip per forward and per backward,
 * which dwarfs the arithmetic of an elementwise op. Worth it for prototyping an op; a production
 * op belongs in a backend kernel. The kernels compute in double so the op can be gradient-checked
 * in F64; F32 tensors are widened and narrowed on the host.
 */
public final class ParametricSwish implements CustomOp {
    private final ForwardKernel forward = new ForwardKernel();
    private final BackwardKernel backward = new BackwardKernel();
    private String lastExecutionMode = "not run";

    /** {@code y = x·σ(β·x)}, with {@code beta} a one-element variable. */
    public Variable apply(Variable x, Variable beta) {
        return CustomOp.super.apply(x, beta);
    }

    @Override
    public String name() {
        return "parametricSwish";
    }

    @Override
    public synchronized Tensor forward(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        forward.x = x.toDoubleArray();
        forward.beta = inputs.get(1).item();
        forward.y = new double[forward.x.length];
        run(forward, x.numel());
        return upload(forward.y, x);
    }

    @Override
    public synchronized List<Tensor> backward(List<Tensor> inputs, Tensor output, Tensor gradOutput) {
        Tensor x = inputs.get(0);
        Tensor beta = inputs.get(1);
        backward.x = x.toDoubleArray();
        backward.g = gradOutput.toDoubleArray();
        backward.beta = beta.item();
        backward.dx = new double[backward.x.length];
        backward.dbeta = new double[backward.x.length];
        run(backward, x.numel());
        double dbeta = 0;
        for (double term : backward.dbeta) {
            dbeta += term;
        }
        return List.of(upload(backward.dx, x), beta.fullLike(dbeta));
    }

    /** Where Aparapi ran the last kernel: {@code OpenCL (GPU|CPU: …)} or {@code Java (JTP|SEQ)} (its thread pool, or sequential). */
    public synchronized String lastExecutionMode() {
        return lastExecutionMode;
    }

    /** Frees Aparapi's resources (its OpenCL buffers and compiled programs). */
    public synchronized void dispose() {
        forward.dispose();
        backward.dispose();
    }

    private void run(Kernel kernel, int n) {
        if (n > 0) {
            kernel.execute(Range.create(n));
            lastExecutionMode = kernel.isRunningCL()
                    ? "OpenCL (" + kernel.getTargetDevice().getType() + ": " + kernel.getTargetDevice().getShortDescription() + ")"
                    : "Java (" + kernel.getTargetDevice().getType() + ")";
        }
    }

    /** Host values back as a tensor like {@code like} (its backend, dtype and shape). */
    private static Tensor upload(double[] values, Tensor like) {
        return Devices.on(like.backend(), () -> Tensor.of(values, like.shape().dims()).to(like.dtype()));
    }

    /** {@code y[i] = x[i]·σ(β·x[i])}. */
    static final class ForwardKernel extends Kernel {
        double[] x;
        double[] y;
        double beta;

        @Override
        public void run() {
            int i = getGlobalId();
            double s = 1.0 / (1.0 + exp(-beta * x[i]));
            y[i] = x[i] * s;
        }
    }

    /** {@code dx[i] = g[i]·(s + β·x[i]·s(1 − s))}, {@code dbeta[i] = g[i]·x[i]²·s(1 − s)}. */
    static final class BackwardKernel extends Kernel {
        double[] x;
        double[] g;
        double[] dx;
        double[] dbeta;
        double beta;

        @Override
        public void run() {
            int i = getGlobalId();
            double s = 1.0 / (1.0 + exp(-beta * x[i]));
            double slope = s * (1.0 - s);
            dx[i] = g[i] * (s + beta * x[i] * slope);
            dbeta[i] = g[i] * x[i] * x[i] * slope;
        }
    }
}
