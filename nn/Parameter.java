package nn;

import autograd.Variable;
import tensor.Backend;
import tensor.DType;
import tensor.MemoryScope;
import tensor.Shape;
import tensor.Tensor;

/**
 * A learnable tensor of a {@link Module}: a holder of an {@link autograd.Variable} leaf that
 * requires a gradient (PyTorch's {@code nn.Parameter}). The holder stays the same for the life of
 * the module, so optimizers and state dicts may keep it. Loading a state dict overwrites the
 * value in place ({@link #set}); only {@link Module#to} (another dtype or backend) replaces the
 * variable, so build optimizers after moving a model, as in PyTorch.
 *
 * <h2>Memory</h2>
 * The value is created outside every {@link MemoryScope} (DESIGN §2: parameters outlive each step),
 * so the leaf's gradient is owned by no scope either and accumulates across backward passes until
 * {@link #zeroGrad()} frees it (see {@link Variable}'s javadoc). Tensors handed in while a scope is
 * open are copied out of it; the original stays with its scope. {@link #close()} frees the value
 * and the gradient.
 */
public final class Parameter implements AutoCloseable {
    private Variable variable;

    private Parameter(Tensor value) {
        this.variable = leaf(value);
    }

    /**
     * A parameter holding {@code value} (floating dtype). With no scope open it takes ownership of
     * the tensor; inside a scope it keeps a copy that lives outside every scope.
     */
    public static Parameter of(Tensor value) {
        return new Parameter(value);
    }

    private static Variable leaf(Tensor value) {
        if (!value.dtype().isFloating()) {
            throw new IllegalArgumentException("Parameter: a " + value.dtype() + " tensor " + value.shape()
                    + " cannot be learned (parameters are F32 or F64)");
        }
        Tensor owned = Unscoped.adopt(value);
        return Unscoped.outside(() -> Variable.parameter(owned));
    }

    /** The leaf to compute with: {@code x.matmul(weight.variable())}. */
    public Variable variable() {
        return variable;
    }

    public Tensor value() {
        return variable.value();
    }

    /** The accumulated gradient, or null before any backward (and after {@link #zeroGrad()}). */
    public Tensor grad() {
        return variable.grad();
    }

    public Shape shape() {
        return variable.shape();
    }

    public DType dtype() {
        return variable.dtype();
    }

    public int numel() {
        return variable.value().numel();
    }

    /** Frees the accumulated gradient. */
    public void zeroGrad() {
        variable.zeroGrad();
    }

    /**
     * Overwrites the value with {@code newValue} (same shape; any dtype or backend: it is converted
     * to this parameter's), in place: the {@link Variable} and its tensor stay the same objects, so
     * an optimizer holding them stays valid (as after PyTorch's {@code load_state_dict}). Every view
     * of the value sees the new numbers; the accumulated gradient is kept.
     */
    public void set(Tensor newValue) {
        if (!newValue.shape().equals(shape())) {
            throw new tensor.ShapeException("Parameter.set", "new value " + newValue.shape()
                    + " does not match the parameter's shape " + shape());
        }
        InPlace.copy(newValue, value());
    }

    /** Moves or casts the value into a new variable (for {@link Module#to}); the gradient is dropped. */
    void convert(DType dtype, Backend backend) {
        replace(Unscoped.copy(value(), dtype, backend));
    }

    private void replace(Tensor unscopedValue) {
        Variable old = variable;
        variable = Unscoped.outside(() -> Variable.parameter(unscopedValue));
        old.zeroGrad();
        old.value().close();
    }

    /** Frees the value and the gradient; the parameter must not be used afterwards. */
    @Override
    public void close() {
        variable.zeroGrad();
        variable.value().close();
    }

    @Override
    public String toString() {
        return "Parameter(" + dtype() + " " + shape() + ")";
    }
}
