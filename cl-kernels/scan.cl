/*
 * Inclusive prefix sum along one axis: out_i = sum_{j <= i} x_j.
 * The input is contiguous (from xOffset) and seen as [outer, len, inner]; one work-item scans one
 * (outer, inner) line serially in ACC, so neighbouring items touch neighbouring addresses.
 */
__kernel void cumsum(__global const T *x, int xOffset, __global T *out, int outer, int len, int inner) {
    int line = get_global_id(0);
    if (line >= outer * inner) return;
    long start = (long) (line / inner) * len * inner + line % inner;
    ACC acc = 0;
    for (int i = 0; i < len; i++) {
        long at = start + (long) i * inner;
        acc += x[xOffset + at];
        out[at] = (T) acc;
    }
}
