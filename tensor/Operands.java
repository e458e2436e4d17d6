package tensor;

import java.util.function.UnaryOperator;

/**
 * The operands of a backend primitive, laid out the way the {@link Backend} contract asks for
 * them, and closed together afterwards: {@link #dense} gives each operand itself when it is
 * already contiguous, else a contiguous copy made by the backend's strided copy; {@link #broadcast}
 * gives each operand seen with the broadcast shape (a stride-0 view, or itself when its shape is
 * that shape). Closing frees the copies and views made here and never an operand itself, so a
 * front-end op reads
 *
 * <pre>{@code
 * try (Operands in = Operands.dense(x, w, bias)) {
 *     backend.conv3d(in.get(0), in.get(1), in.get(2), out, spec);
 * }
 * }</pre>
 *
 * A null operand (an absent bias) stays null.
 */
final class Operands implements AutoCloseable {
    private final Tensor[] originals;
    private final Tensor[] laidOut;

    private Operands(Tensor[] originals) {
        this.originals = originals;
        this.laidOut = new Tensor[originals.length];
    }

    /** Each operand contiguous (row-major, starting at its offset). */
    static Operands dense(Tensor... operands) {
        return of(operands, t -> t.isContiguous() ? t : Shaping.contiguous(t));
    }

    /** Each operand seen with {@code shape}, which NumPy broadcasting produced from the operands' shapes. */
    static Operands broadcast(Shape shape, Tensor... operands) {
        return of(operands, t -> Elementwise.broadcast(t, shape));
    }

    private static Operands of(Tensor[] operands, UnaryOperator<Tensor> layout) {
        Operands in = new Operands(operands.clone());
        try {
            for (int i = 0; i < operands.length; i++) {
                in.laidOut[i] = operands[i] == null ? null : layout.apply(operands[i]);
            }
        } catch (RuntimeException | Error e) {
            in.close();
            throw e;
        }
        return in;
    }

    /** Operand {@code i}, laid out. */
    Tensor get(int i) {
        return laidOut[i];
    }

    @Override
    public void close() {
        for (int i = 0; i < laidOut.length; i++) {
            if (laidOut[i] != null && laidOut[i] != originals[i]) {
                laidOut[i].close();
            }
        }
    }
}
