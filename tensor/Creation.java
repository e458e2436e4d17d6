package tensor;

/**
 * Making tensors from values, constants, ranges and random draws; moving them between devices and
 * to the host.
 *
 * <h2>Reading to the host</h2>
 * A read returns the elements in row-major order. A read may widen without loss but never narrows:
 * {@link #readDoubles} takes every dtype (F32 and I32 convert exactly to double),
 * {@link #readFloats} takes F32 only, {@link #readInts} takes I32 only. Narrowing conversions are
 * asked for explicitly with {@link Tensor#to(DType)}, which states how it rounds. A tensor that is not
 * contiguous (a broadcast or strided view) is first copied to contiguous memory on its backend.
 */
final class Creation {
    private Creation() {}

    static Tensor of(Backend b, float[] data, Shape shape) {
        checkLength("of", data.length, shape);
        Tensor t = Tensor.empty(b, DType.F32, shape);
        b.write(t.storage(), data);
        return t;
    }

    static Tensor of(Backend b, double[] data, Shape shape) {
        checkLength("of", data.length, shape);
        Tensor t = Tensor.empty(b, DType.F64, shape);
        b.write(t.storage(), data);
        return t;
    }

    static Tensor of(Backend b, int[] data, Shape shape) {
        checkLength("of", data.length, shape);
        Tensor t = Tensor.empty(b, DType.I32, shape);
        b.write(t.storage(), data);
        return t;
    }

    private static void checkLength(String op, int length, Shape shape) {
        if (length != shape.numel()) {
            throw new ShapeException(op, "data has " + length + " elements but shape " + shape + " needs "
                    + shape.numel());
        }
    }

    /** Every element {@code value}, converted to {@code dtype} (to I32 by truncation toward zero). */
    static Tensor full(Backend b, double value, DType dtype, Shape shape) {
        Tensor t = Tensor.empty(b, dtype, shape);
        b.fill(t, value);
        return t;
    }

    /**
     * NumPy's arange: {@code start + i·step} for {@code i < ceil((end − start) / step)} (no elements
     * when that is not positive), computed in double and then converted to {@code dtype}.
     */
    static Tensor arange(Backend b, double start, double end, double step, DType dtype) {
        if (step == 0 || !Double.isFinite(step) || !Double.isFinite(start) || !Double.isFinite(end)) {
            throw new ShapeException("arange", "needs finite start, end and a non-zero step, got start " + start
                    + ", end " + end + ", step " + step);
        }
        double count = Math.ceil((end - start) / step);
        if (count > Integer.MAX_VALUE) {
            throw new ShapeException("arange", "start " + start + ", end " + end + ", step " + step
                    + " gives more than 2^31-1 elements");
        }
        int n = (int) Math.max(0, count);
        Tensor t = Tensor.empty(b, dtype, Shape.of(n));
        b.iota(t, start, step);
        return t;
    }

    /** The {@code n × n} identity matrix. */
    static Tensor eye(Backend b, int n, DType dtype) {
        if (n < 0) {
            throw new ShapeException("eye", "size must be non-negative, got " + n);
        }
        Tensor t = Tensor.empty(b, dtype, Shape.of(n, n));
        switch (dtype) {
            case F32 -> {
                float[] data = new float[n * n];
                for (int i = 0; i < n; i++) {
                    data[i * (n + 1)] = 1;
                }
                b.write(t.storage(), data);
            }
            case F64 -> {
                double[] data = new double[n * n];
                for (int i = 0; i < n; i++) {
                    data[i * (n + 1)] = 1;
                }
                b.write(t.storage(), data);
            }
            case I32 -> {
                int[] data = new int[n * n];
                for (int i = 0; i < n; i++) {
                    data[i * (n + 1)] = 1;
                }
                b.write(t.storage(), data);
            }
        }
        return t;
    }

    /** Uniform draws in {@code [0, 1)}; advances {@code gen} past the blocks it used. */
    static Tensor rand(Backend b, Generator gen, DType dtype, Shape shape) {
        Tensor t = randomTarget("rand", b, dtype, shape);
        b.randomUniform(t, gen.seed(), gen.stream(), gen.reserve(t.numel()));
        return t;
    }

    /** Standard normal draws; advances {@code gen} past the blocks it used. */
    static Tensor randn(Backend b, Generator gen, DType dtype, Shape shape) {
        Tensor t = randomTarget("randn", b, dtype, shape);
        b.randomNormal(t, gen.seed(), gen.stream(), gen.reserve(t.numel()));
        return t;
    }

    private static Tensor randomTarget(String op, Backend b, DType dtype, Shape shape) {
        if (!dtype.isFloating()) {
            throw new ShapeException(op, "random draws need a floating dtype (F32 or F64), got " + dtype
                    + " for shape " + shape);
        }
        return Tensor.empty(b, dtype, shape);
    }

    /** A contiguous copy of {@code t} on {@code target}, through host memory. */
    static Tensor transfer(Tensor t, Backend target) {
        t.checkOpen("to");
        if (!target.supports(t.dtype())) {
            throw new ShapeException("to", "backend " + target.name() + " does not support " + t.dtype()
                    + " (tensor " + t.shape() + " on " + t.backend().name() + ")");
        }
        Tensor out = Tensor.empty(target, t.dtype(), t.shape());
        switch (t.dtype()) {
            case F32 -> target.write(out.storage(), readFloats(t));
            case F64 -> target.write(out.storage(), readDoubles(t));
            case I32 -> target.write(out.storage(), readInts(t));
        }
        return out;
    }

    static float[] readFloats(Tensor t) {
        checkReadable("toFloatArray", t, DType.F32);
        float[] out = new float[t.numel()];
        readContiguous(t, (c, offset) -> c.backend().read(c.storage(), offset, out));
        return out;
    }

    /** Any dtype: F32 and I32 widen exactly. */
    static double[] readDoubles(Tensor t) {
        t.checkOpen("toDoubleArray");
        int n = t.numel();
        double[] out = new double[n];
        switch (t.dtype()) {
            case F64 -> readContiguous(t, (c, offset) -> c.backend().read(c.storage(), offset, out));
            case F32 -> {
                float[] f = readFloats(t);
                for (int i = 0; i < n; i++) {
                    out[i] = f[i];
                }
            }
            case I32 -> {
                int[] v = readInts(t);
                for (int i = 0; i < n; i++) {
                    out[i] = v[i];
                }
            }
        }
        return out;
    }

    static int[] readInts(Tensor t) {
        checkReadable("toIntArray", t, DType.I32);
        int[] out = new int[t.numel()];
        readContiguous(t, (c, offset) -> c.backend().read(c.storage(), offset, out));
        return out;
    }

    private static void checkReadable(String op, Tensor t, DType expected) {
        t.checkOpen(op);
        if (t.dtype() != expected) {
            throw new ShapeException(op, "tensor " + t.shape() + " is " + t.dtype() + ", not " + expected
                    + "; convert it first with .to(DType." + expected + ")"
                    + (expected == DType.F32 ? " or read it with toDoubleArray()" : ""));
        }
    }

    /** Reads the row-major elements of a contiguous tensor starting at a storage offset. */
    @FunctionalInterface
    private interface ContiguousRead {
        void read(Tensor contiguous, int offset);
    }

    private static void readContiguous(Tensor t, ContiguousRead read) {
        if (t.numel() == 0) {
            return;
        }
        if (t.isContiguous()) {
            read.read(t, t.offset());
            return;
        }
        try (Tensor c = Tensor.empty(t.backend(), t.dtype(), t.shape())) {
            t.backend().copy(t, c);
            read.read(c, 0);
        }
    }
}
