/*
 * Shared by every Zoetrope kernel file (the host prepends it before building).
 *
 * Build options define the element types:
 *   T        the element type of the op's tensors: float, double or int
 *   IS_FLOAT 1 when T is float or double, 0 for int
 *   HAS_FP64 1 when the device supports double (cl_khr_fp64)
 *   HAS_FMA  1 when single precision has hardware fused multiply-add (CL_FP_FMA)
 *   ACC      the accumulator type for sums: double when T is double, float for float, int for int
 */
#if HAS_FP64
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#endif

/*
 * FMA(a, b, c) = a·b + c for the multiply kernels' inner loops: fma(), one fused instruction, where
 * the hardware has it; mad() elsewhere, as fma() is emulated in software without it. PoCL compiles
 * mad() to a multiply and an add: on an AVX2 CPU a loop of independent float8 updates ran at
 * 140 GFLOP/s with mad() and 180 with fma().
 */
#if HAS_FMA
#define FMA(a, b, c) fma(a, b, c)
#else
#define FMA(a, b, c) mad(a, b, c)
#endif

/* Highest rank the strided kernels accept; the host merges adjacent axes first (see Strided.java). */
#define MAX_RANK 8

/*
 * The iteration space of a strided op and how up to three operands are laid out in it.
 * Element i of the space has the row-major multi-index (c_0, ..., c_{rank-1}) over dims; operand k
 * reads its element at  offsets[k] + sum_d c_d * strides[k][d]  (strides may be 0 or negative).
 * Passed by value as one kernel argument so a launch costs one argument call, not dozens.
 */
typedef struct {
    int rank;
    int numel;
    int inner;   /* size of the innermost axis (1 for rank 0) */
    int outer;   /* numel / inner: positions of all the other axes */
    int dims[MAX_RANK];
    int strides[3][MAX_RANK];
    int offsets[3];
} Strided;

/* Offsets of flat element i in operands 0, 1 and 2 (unused operands have zero strides); a rank-1 layout divides not at all. */
inline int3 strided_offsets(const Strided *s, int i) {
    int3 o = (int3)(s->offsets[0], s->offsets[1], s->offsets[2]);
    for (int d = s->rank - 1; d > 0; d--) {
        int size = s->dims[d];
        int q = i / size;
        o += (i - q * size) * (int3)(s->strides[0][d], s->strides[1][d], s->strides[2][d]);
        i = q;
    }
    /* what is left of i is the outermost coordinate: no division needed */
    return o + i * (int3)(s->strides[0][0], s->strides[1][0], s->strides[2][0]);
}

/*
 * The elements [RUN_START, RUN_END) = [id·run, min(n, id·run + run)) of work-item id = get_global_id(0):
 * one element per item when run = 1 (GPUs), a run the compiler vectorises on CPU devices (see
 * ClKernel.launchRuns). Computed in long, so a run past the last element cannot overflow. FOR_RUN
 * loops over them.
 */
#define RUN_START(n, run) ((int) min((long) get_global_id(0) * (run), (long) (n)))
#define RUN_END(n, run) ((int) min((long) get_global_id(0) * (run) + (run), (long) (n)))
#define FOR_RUN(i, n, run) for (int i = RUN_START(n, run), i##_end = RUN_END(n, run); i < i##_end; i++)

/*
 * A cursor over a Strided layout, for the CPU run kernels (*_strided_runs): work-item id walks the
 * flat elements [RUN_START, RUN_END) of numel in order. The coordinates and offsets of the
 * first come from divisions; after that the cursor moves along whole stretches of the innermost
 * axis and carries into the outer axes like an odometer, so an element costs no division. Use:
 *   StridedRun r;
 *   if (!strided_run_begin(&s, run, &r)) return;
 *   while (strided_run_stretch(&s, &r)) {
 *       for (int j = 0; j < r.stretch; j++) ... element r.i + j, operand k at r.at.k + j * r.step.k ...
 *       strided_run_advance(&s, &r);
 *   }
 * Needs rank ≥ 1 (a rank-0 layout is contiguous and never comes here).
 */
typedef struct {
    int i;                 /* flat index of the current element */
    int left;              /* elements still to visit */
    int stretch;           /* elements of the current stretch along the innermost axis */
    int c[MAX_RANK];       /* coordinates of the current element */
    int3 at;               /* operands' offsets of the current element */
    int3 step;             /* operands' innermost strides */
} StridedRun;

inline bool strided_run_begin(const Strided *s, int run, StridedRun *r) {
    r->i = RUN_START(s->numel, run);
    r->left = RUN_END(s->numel, run) - r->i;
    if (r->left <= 0) return false;
    int i = r->i;
    r->at = strided_offsets(s, i);
    for (int d = s->rank - 1; d >= 0; d--) {
        r->c[d] = i % s->dims[d];
        i /= s->dims[d];
    }
    int last = s->rank - 1;
    r->step = (int3)(s->strides[0][last], s->strides[1][last], s->strides[2][last]);
    return true;
}

/* Sets r->stretch to the elements left on the current innermost row (at most r->left); false when done. */
inline bool strided_run_stretch(const Strided *s, StridedRun *r) {
    r->stretch = min(r->left, s->dims[s->rank - 1] - r->c[s->rank - 1]);
    return r->left > 0;
}

/* Moves past the current stretch, carrying into the outer axes. */
inline void strided_run_advance(const Strided *s, StridedRun *r) {
    int d = s->rank - 1;
    r->i += r->stretch;
    r->left -= r->stretch;
    r->c[d] += r->stretch;
    r->at += r->stretch * r->step;
    while (d > 0 && r->c[d] == s->dims[d]) {
        r->at -= r->c[d] * (int3)(s->strides[0][d], s->strides[1][d], s->strides[2][d]);
        r->c[d] = 0;
        d--;
        r->c[d]++;
        r->at += (int3)(s->strides[0][d], s->strides[1][d], s->strides[2][d]);
    }
}

/*
 * Where a work-item of a strided kernel is. Strided kernels run on a 2-D range: dimension 0 walks
 * the innermost axis (so neighbouring items touch neighbouring addresses and no division is needed
 * there) and dimension 1 the positions of the other axes. Sets the flat element i (which is also the
 * index into a contiguous output) and the operands' offsets o; false for the padding items that
 * round the range up to whole work-groups.
 */
inline bool strided_position(const Strided *s, int *i, int3 *o) {
    int inner = get_global_id(0), outer = get_global_id(1);
    if (inner >= s->inner || outer >= s->outer) return false;
    *i = outer * s->inner + inner;
    int last = max(s->rank - 1, 0);
    int3 at = (int3)(s->offsets[0], s->offsets[1], s->offsets[2])
            + inner * (int3)(s->strides[0][last], s->strides[1][last], s->strides[2][last]);
    for (int d = s->rank - 2; d > 0; d--) {
        int size = s->dims[d];
        int q = outer / size;
        at += (outer - q * size) * (int3)(s->strides[0][d], s->strides[1][d], s->strides[2][d]);
        outer = q;
    }
    if (s->rank > 1) at += outer * (int3)(s->strides[0][0], s->strides[1][0], s->strides[2][0]);
    *o = at;
    return true;
}

/*
 * Maximum and minimum like Java's Math.max/min and NumPy's maximum/minimum: a NaN operand gives NaN,
 * and +0 counts as larger than -0. Work on scalars and vectors alike.
 */
#if IS_FLOAT
#define MAX_NAN(a, b) (isnan(a) ? (a) : isnan(b) ? (b) : ((a) > (b) || ((a) == (b) && signbit(b))) ? (a) : (b))
#define MIN_NAN(a, b) (isnan(a) ? (a) : isnan(b) ? (b) : ((a) < (b) || ((a) == (b) && signbit(a))) ? (a) : (b))
#else
#define MAX_NAN(a, b) max(a, b)
#define MIN_NAN(a, b) min(a, b)
#endif

/* Sixteen-wide vectors of T: explicit 512-bit code on CPU devices (see the *_vector kernels). */
#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
#define T16 CAT(T, 16)
#define T8 CAT(T, 8)
#define T4 CAT(T, 4)

/* The sum of the sixteen lanes of v, as a tree. */
inline T sum16(T16 v) {
    T8 s8 = v.lo + v.hi;
    T4 s4 = s8.lo + s8.hi;
    return (s4.x + s4.y) + (s4.z + s4.w);
}

/* Tree-combines the group's values in `scratch` with op (a power-of-two group); every item gets the result. */
#define GROUP_REDUCE(scratch, lid, size, value, op)                    \
    do {                                                               \
        scratch[lid] = value;                                          \
        barrier(CLK_LOCAL_MEM_FENCE);                                  \
        for (int stride = size / 2; stride > 0; stride /= 2) {               \
            if (lid < stride) scratch[lid] = op(scratch[lid], scratch[lid + stride]); \
            barrier(CLK_LOCAL_MEM_FENCE);                              \
        }                                                              \
        value = scratch[0];                                            \
        barrier(CLK_LOCAL_MEM_FENCE);                                  \
    } while (0)

#define ADD(a, b) ((a) + (b))
