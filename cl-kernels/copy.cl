/*
 * dst = src element by element, converting the element type: S is the source type, T the
 * destination type. Casts follow Java: floating values become int by truncating toward zero,
 * saturating at the int range (NaN gives 0); everything else converts to the nearest value.
 *
 * copy_strided is the one kernel behind every view that is not free (permute, strided slices,
 * flips, concat into a slice of the output, pad's interior): operand 0 of the layout is the
 * destination, operand 1 the source, and either may have any strides.
 */

#if IS_FLOAT
#define CONVERT(v) ((T)(v))
#else
#define CONVERT(v) convert_int_sat(v)
#endif

/* work-item i copies the elements FOR_RUN gives it (see elementwise.cl) */
__kernel void copy_contiguous(__global const S *src, int srcOffset, __global T *dst, int dstOffset, int n, int run) {
    FOR_RUN(i, n, run) dst[dstOffset + i] = CONVERT(src[srcOffset + i]);
}

__kernel void copy_strided(__global const S *src, __global T *dst, Strided s) {
    int i;
    int3 o;
    if (strided_position(&s, &i, &o)) dst[o.x] = CONVERT(src[o.y]);
}

/* copy_strided for CPU devices: work-item i copies a run of the layout's elements (see StridedRun in common.cl) */
__kernel void copy_strided_runs(__global const S *src, __global T *dst, Strided s, int run) {
    StridedRun r;
    if (!strided_run_begin(&s, run, &r)) return;
    while (strided_run_stretch(&s, &r)) {
        for (int j = 0; j < r.stretch; j++) dst[r.at.x + j * r.step.x] = CONVERT(src[r.at.y + j * r.step.y]);
        strided_run_advance(&s, &r);
    }
}
