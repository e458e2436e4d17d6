/*
 * Batched matrix product out[b] = op(A[b]) . op(B[b]), the simple way: one work-item per output
 * element computes  sum_k A[m, k] B[k, n]  in T. A is [Ba, M, K] ([Ba, K, M] when TRANS_A), B is
 * [Bb, K, N] ([Bb, N, K] when TRANS_B); a batch stride of 0 broadcasts a single matrix.
 */
__kernel void matmul_naive(__global const T *a, int aOffset, int aBatchStride,
                           __global const T *b, int bOffset, int bBatchStride,
                           __global T *out, int batch, int M, int N, int K) {
    int i = get_global_id(0);
    if (i >= batch * M * N) return;
    int n = i % N;
    int m = i / N % M;
    int z = i / (M * N);
    __global const T *A = a + aOffset + (long) z * aBatchStride;
    __global const T *B = b + bOffset + (long) z * bBatchStride;
    ACC acc = 0;
    for (int k = 0; k < K; k++) {
#if TRANS_A
        T av = A[k * M + m];
#else
        T av = A[m * K + k];
#endif
#if TRANS_B
        T bv = B[n * K + k];
#else
        T bv = B[k * N + n];
#endif
        acc += av * bv;
    }
    out[i] = (T) acc;
}
