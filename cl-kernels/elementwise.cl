/*
 * Elementwise ops: fill, iota, unary, binary and where.
 *
 * The op is chosen at build time (-DOP_ADD, -DOP_EXP, ...), so each compiled program holds exactly
 * one op and the compiler sees straight-line code. Extra build options:
 *   P  the type of scalar parameters (alpha, beta, fill values): double when the device has fp64
 *      and the values must be exact, else float
 *   R  the result type of a binary op: int for comparisons, T otherwise
 *   VW the vector width of unary_contiguous's CPU runs: 2, 4, 8 or 16 (1: none)
 *
 * Every op has two kernels: *_contiguous, for when every operand is a dense run starting at an
 * offset, and *_strided, which walks a Strided layout (broadcast strides of 0, negative strides).
 * All kernels guard against the padding work-items that round the global size up to a whole
 * number of work-groups.
 *
 * The dense kernels (and fill and iota) give work-item i the elements FOR_RUN walks: [i·run,
 * min(n, i·run + run)). On GPUs run = 1, one element per item; on CPU devices a run of many
 * elements (ClKernel.launchRuns), a loop the compiler vectorises, where one element per item
 * would pay the driver's per-item work on every element (PoCL: an affine map of 2.4 M floats
 * took 1.7 ms one per item, 0.2 ms in runs of 1,024).
 */

/* Converts a parameter-typed value to T the way Java casts: int truncates toward zero, saturating. */
#if IS_FLOAT
#define TO_T(v) ((T)(v))
#else
#define TO_T(v) convert_int_sat(v)
#endif

/* Integer + - * wrap around on overflow like Java's int (done in uint, where C defines it). */
#if IS_FLOAT
#define WRAP(op, a, b) ((a) op (b))
#else
#define WRAP(op, a, b) ((int) ((uint) (a) op (uint) (b)))
#endif

/* σ(x) = 1 / (1 + e^-x), for scalars and vectors: the sigmoid op and SiLU's gradient */
#define SIGMOID(x) ((T) 1 / ((T) 1 + exp(-(x))))

/* ---- fill and iota ----------------------------------------------------------------------- */

/* out[i] = value */
__kernel void fill(__global T *out, int n, P value, int run) {
    FOR_RUN(i, n, run) out[i] = TO_T(value);
}

/* out[i] = start + i * step, computed in P */
__kernel void iota(__global T *out, int n, P start, P step, int run) {
    FOR_RUN(i, n, run) out[i] = TO_T(start + (P) i * step);
}

/* ---- unary ------------------------------------------------------------------------------- */

#ifdef UNARY
/*
 * y = op(x; alpha, beta) as UNARY_OP(x), a formula of x, alpha and beta. The constants below are the
 * usual float spellings of the math. The formulas marked UNARY_VECTOR hold for vectors as written
 * (no ternaries, no scalar-only builtins): on CPU devices unary_contiguous applies them to vectors
 * of VW elements (the build option VW: the device's native width), so that PoCL's vector math runs
 * instead of one scalar call per element (log of 2.4 M floats: 42 ms in a scalar loop, 3.4 ms on
 * float16 vectors).
 */
#if defined(OP_NEG)
#define UNARY_OP(x) WRAP(-, 0, x)
#define UNARY_VECTOR IS_FLOAT
#elif defined(OP_ABS)
#define UNARY_OP(x) ((x) < 0 ? WRAP(-, 0, x) : (x))
#elif defined(OP_SIGN)
/* -1, 0 or +1; a float sign keeps -0 and NaN as they are, like Math.signum */
#define UNARY_OP(x) ((x) > 0 ? (T) 1 : (x) < 0 ? (T) -1 : (x))
#elif defined(OP_SQUARE)
#define UNARY_OP(x) WRAP(*, x, x)
#define UNARY_VECTOR IS_FLOAT
#elif defined(OP_AFFINE)
#define UNARY_OP(x) TO_T(alpha * (x) + beta)
#elif defined(OP_CLAMP)
/* min(max(x, alpha), beta) in that order (beta wins when alpha > beta); NaN stays NaN */
#define UNARY_OP(x) clamp_op(x, alpha, beta)
inline T clamp_op(T x, P alpha, P beta) {
    P lifted = x < alpha ? alpha : (P) x;
    return TO_T(lifted > beta ? beta : lifted);
}
#elif defined(OP_EXP)
#define UNARY_OP(x) exp(x)
#define UNARY_VECTOR 1
#elif defined(OP_LOG)
#define UNARY_OP(x) log(x)
#define UNARY_VECTOR 1
#elif defined(OP_SQRT)
#define UNARY_OP(x) sqrt(x)
#define UNARY_VECTOR 1
#elif defined(OP_RSQRT)
#define UNARY_OP(x) ((T) 1 / sqrt(x))
#define UNARY_VECTOR 1
#elif defined(OP_RECIPROCAL)
#define UNARY_OP(x) ((T) 1 / (x))
#define UNARY_VECTOR 1
#elif defined(OP_TANH)
#define UNARY_OP(x) tanh(x)
#define UNARY_VECTOR 1
#elif defined(OP_SIGMOID)
#define UNARY_OP(x) SIGMOID(x)
#define UNARY_VECTOR 1
#elif defined(OP_RELU)
/* max(x, 0), NaN propagates */
#define UNARY_OP(x) ((x) < 0 ? (T) 0 : (x))
#elif defined(OP_SILU)
/* x * sigmoid(x) */
#define UNARY_OP(x) ((x) / ((T) 1 + exp(-(x))))
#define UNARY_VECTOR 1
#elif defined(OP_SIN)
#define UNARY_OP(x) sin(x)
#define UNARY_VECTOR 1
#elif defined(OP_COS)
#define UNARY_OP(x) cos(x)
#define UNARY_VECTOR 1
#elif defined(OP_GELU)
/* 0.5 x (1 + erf(x / sqrt 2)) = 0.5 x erfc(-x / sqrt 2), which keeps its accuracy in the negative tail */
#define UNARY_OP(x) ((T) 0.5 * (x) * erfc(-(x) * (T) M_SQRT1_2))
#define UNARY_VECTOR 1
#elif defined(OP_GELU_TANH)
/* 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) */
#define UNARY_OP(x) ((T) 0.5 * (x) * ((T) 1 + tanh((T) 0.7978845608028654 * ((x) + (T) 0.044715 * (x) * (x) * (x)))))
#define UNARY_VECTOR 1
#elif defined(OP_POW_SCALAR)
#define UNARY_OP(x) pow(x, (T) alpha)
#else
#error "unary: no OP_* defined"
#endif

inline T unary_op(T x, P alpha, P beta) {
    return UNARY_OP(x);
}

__kernel void unary_contiguous(__global const T *x, int xOffset, __global T *out, int n, P alpha, P beta, int run) {
#if defined(UNARY_VECTOR) && UNARY_VECTOR && VW > 1
    if (run > 1) {
        /* a CPU run: whole vectors of VW elements, then the tail one by one */
        int i = RUN_START(n, run);
        const int end = RUN_END(n, run);
        for (; i + VW <= end; i += VW) CAT(vstore, VW)(UNARY_OP(CAT(vload, VW)(0, x + xOffset + i)), 0, out + i);
        for (; i < end; i++) out[i] = unary_op(x[xOffset + i], alpha, beta);
        return;
    }
#endif
    FOR_RUN(i, n, run) out[i] = unary_op(x[xOffset + i], alpha, beta);
}

/* operand 0 of the layout is x */
__kernel void unary_strided(__global const T *x, __global T *out, Strided s, P alpha, P beta) {
    int i;
    int3 o;
    if (strided_position(&s, &i, &o)) out[i] = unary_op(x[o.x], alpha, beta);
}

/* unary_strided for CPU devices: a run of the layout's elements per work-item (StridedRun, common.cl) */
__kernel void unary_strided_runs(__global const T *x, __global T *out, Strided s, P alpha, P beta, int run) {
    StridedRun r;
    if (!strided_run_begin(&s, run, &r)) return;
    while (strided_run_stretch(&s, &r)) {
        for (int j = 0; j < r.stretch; j++) out[r.i + j] = unary_op(x[r.at.x + j * r.step.x], alpha, beta);
        strided_run_advance(&s, &r);
    }
}
#endif

/* ---- binary ------------------------------------------------------------------------------ */

#ifdef BINARY
/* r = a op b; comparisons give 1 or 0 (false whenever a NaN is involved, except NE). */
inline R binary_op(T a, T b) {
#if defined(OP_ADD)
    return WRAP(+, a, b);
#elif defined(OP_SUB)
    return WRAP(-, a, b);
#elif defined(OP_MUL)
    return WRAP(*, a, b);
#elif defined(OP_DIV)
#if IS_FLOAT
    return a / b;
#else
    /* truncates toward zero like Java; a zero divisor gives 0 here (Java would throw) */
    return b == 0 ? 0 : a / b;
#endif
#elif defined(OP_POW)
#if IS_FLOAT
    return pow(a, b);
#else
    /* exact integer power by squaring, wrapping like Java; negative exponents give 1/a^|b| truncated */
    if (b < 0) return a == 1 ? 1 : a == -1 ? ((b & 1) ? -1 : 1) : 0;
    int result = 1, square = a;
    for (int e = b; e != 0; e >>= 1) {
        if (e & 1) result = WRAP(*, result, square);
        square = WRAP(*, square, square);
    }
    return result;
#endif
#elif defined(OP_MAXIMUM)
    return MAX_NAN(a, b);
#elif defined(OP_MINIMUM)
    return MIN_NAN(a, b);
#elif defined(OP_SILU_BACKWARD)
    /* the gradient of silu for gradient a at b: a·σ(b)·(1 + b·(1 − σ(b))) */
    T s = SIGMOID(b);
    return a * s * ((T) 1 + b * ((T) 1 - s));
#elif defined(OP_EQ)
    return a == b;
#elif defined(OP_NE)
    return a != b;
#elif defined(OP_LT)
    return a < b;
#elif defined(OP_LE)
    return a <= b;
#elif defined(OP_GT)
    return a > b;
#elif defined(OP_GE)
    return a >= b;
#else
#error "binary: no OP_* defined"
#endif
}

__kernel void binary_contiguous(__global const T *a, int aOffset, __global const T *b, int bOffset,
                                __global R *out, int n, int run) {
    FOR_RUN(i, n, run) out[i] = binary_op(a[aOffset + i], b[bOffset + i]);
}

/* operands 0 and 1 of the layout are a and b */
__kernel void binary_strided(__global const T *a, __global const T *b, __global R *out, Strided s) {
    int i;
    int3 o;
    if (strided_position(&s, &i, &o)) out[i] = binary_op(a[o.x], b[o.y]);
}

/* binary_strided for CPU devices when rows are short: a run of the layout's elements per work-item (StridedRun, common.cl) */
__kernel void binary_strided_runs(__global const T *a, __global const T *b, __global R *out, Strided s, int run) {
    StridedRun r;
    if (!strided_run_begin(&s, run, &r)) return;
    while (strided_run_stretch(&s, &r)) {
        for (int j = 0; j < r.stretch; j++) out[r.i + j] = binary_op(a[r.at.x + j * r.step.x], b[r.at.y + j * r.step.y]);
        strided_run_advance(&s, &r);
    }
}

/*
 * The same for CPU devices, one work-item per row of the layout's innermost axis: the row's offsets
 * are computed once, then a loop walks it, with the common strides (both operands dense, or one
 * broadcast, as when a per-channel scale multiplies a video) as loops the compiler vectorises.
 */
__kernel void binary_rows(__global const T *a, __global const T *b, __global R *out, Strided s) {
    int row = get_global_id(0);
    if (row >= s.outer) return;
    int n = s.inner;
    int3 o = strided_offsets(&s, row * n);
    int last = s.rank - 1;
    int sa = s.strides[0][last], sb = s.strides[1][last];
    __global const T *pa = a + o.x;
    __global const T *pb = b + o.y;
    __global R *po = out + row * n;
    if (sa == 1 && sb == 1) {
        for (int i = 0; i < n; i++) po[i] = binary_op(pa[i], pb[i]);
    } else if (sa == 1 && sb == 0) {
        T bv = pb[0];
        for (int i = 0; i < n; i++) po[i] = binary_op(pa[i], bv);
    } else if (sa == 0 && sb == 1) {
        T av = pa[0];
        for (int i = 0; i < n; i++) po[i] = binary_op(av, pb[i]);
    } else {
        for (int i = 0; i < n; i++) po[i] = binary_op(pa[i * sa], pb[i * sb]);
    }
}
#endif

/* ---- where ------------------------------------------------------------------------------- */

/* out = cond != 0 ? a : b; operands 0, 1, 2 of the layout are cond, a and b */
__kernel void where_strided(__global const int *cond, __global const T *a, __global const T *b,
                            __global T *out, Strided s) {
    int i;
    int3 o;
    if (strided_position(&s, &i, &o)) out[i] = cond[o.x] != 0 ? a[o.y] : b[o.z];
}

/* where_strided for CPU devices: a run of the layout's elements per work-item (StridedRun, common.cl) */
__kernel void where_strided_runs(__global const int *cond, __global const T *a, __global const T *b,
                                 __global T *out, Strided s, int run) {
    StridedRun r;
    if (!strided_run_begin(&s, run, &r)) return;
    while (strided_run_stretch(&s, &r)) {
        for (int j = 0; j < r.stretch; j++)
            out[r.i + j] = cond[r.at.x + j * r.step.x] != 0 ? a[r.at.y + j * r.step.y] : b[r.at.z + j * r.step.z];
        strided_run_advance(&s, &r);
    }
}
