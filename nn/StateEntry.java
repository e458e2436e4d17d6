package nn;

import java.util.function.Consumer;
import java.util.function.Supplier;
import tensor.Tensor;

/** One entry of a state dict as something that can be read and replaced: a parameter or a buffer. */
record StateEntry(Supplier<Tensor> reader, Consumer<Tensor> writer) {
    static StateEntry of(Parameter p) {
        return new StateEntry(p::value, p::set);
    }

    static StateEntry of(Buffer b) {
        return new StateEntry(b::value, b::set);
    }

    Tensor value() {
        return reader.get();
    }

    /** Replaces the value by a copy of {@code t} converted to the entry's dtype and backend. */
    void set(Tensor t) {
        writer.accept(t);
    }
}
