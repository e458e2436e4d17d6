/*
 * 3D convolution over N, C, T, H, W with weights [O, C/G, kT, kH, kW] and zero padding, and its two
 * gradients, the simple way: one work-item per element of the result, summing directly.
 *
 *   out[n, o, t, h, w] = bias[o] + sum_{c, i, j, k} x[n, g C/G + c, t sT - pT + i dT, h sH - pH + j dH, w sW - pW + k dW] W[o, c, i, j, k]
 *
 * where g = o / (O/G) is the group of output channel o.
 */
typedef struct {
    int N, C, T, H, W;     /* input */
    int O, kT, kH, kW;     /* weights: O x C/G x kT x kH x kW */
    int oT, oH, oW;        /* output sizes */
    int groups;
    int stride[3], pad[3], dilation[3];
} Conv;

/* out: one item per output element */
__kernel void conv3d_forward(__global const T *x, int xOffset, __global const T *w, int wOffset,
                             __global const T *bias, int biasOffset, int hasBias, __global T *out, Conv g) {
    int i = get_global_id(0);
    int total = g.N * g.O * g.oT * g.oH * g.oW;
    if (i >= total) return;
    int ow = i % g.oW, oh = i / g.oW % g.oH, ot = i / (g.oW * g.oH) % g.oT;
    int o = i / (g.oW * g.oH * g.oT) % g.O, n = i / (g.oW * g.oH * g.oT * g.O);
    int cg = g.C / g.groups, og = g.O / g.groups, c0 = o / og * cg;
    ACC acc = hasBias ? (ACC) bias[biasOffset + o] : (ACC) 0;
    for (int c = 0; c < cg; c++)
        for (int a = 0; a < g.kT; a++) {
            int t = ot * g.stride[0] - g.pad[0] + a * g.dilation[0];
            if (t < 0 || t >= g.T) continue;
            for (int b = 0; b < g.kH; b++) {
                int h = oh * g.stride[1] - g.pad[1] + b * g.dilation[1];
                if (h < 0 || h >= g.H) continue;
                for (int d = 0; d < g.kW; d++) {
                    int ww = ow * g.stride[2] - g.pad[2] + d * g.dilation[2];
                    if (ww < 0 || ww >= g.W) continue;
                    long xi = (((long) (n * g.C + c0 + c) * g.T + t) * g.H + h) * g.W + ww;
                    long wi = (((long) (o * cg + c) * g.kT + a) * g.kH + b) * g.kW + d;
                    acc += x[xOffset + xi] * w[wOffset + wi];
                }
            }
        }
    out[i] = (T) acc;
}

/* gradIn[n, c, t, h, w] = sum over the outputs that read it of gradOut * W; one item per input element */
__kernel void conv3d_input_grad(__global const T *gy, int gyOffset, __global const T *w, int wOffset,
                                __global T *gx, Conv g) {
    int i = get_global_id(0);
    int total = g.N * g.C * g.T * g.H * g.W;
    if (i >= total) return;
    int xw = i % g.W, xh = i / g.W % g.H, xt = i / (g.W * g.H) % g.T;
    int c = i / (g.W * g.H * g.T) % g.C, n = i / (g.W * g.H * g.T * g.C);
    int cg = g.C / g.groups, og = g.O / g.groups, grp = c / cg;
    ACC acc = 0;
    for (int o = grp * og; o < (grp + 1) * og; o++)
        for (int a = 0; a < g.kT; a++) {
            int nt = xt + g.pad[0] - a * g.dilation[0];
            if (nt < 0 || nt % g.stride[0] != 0 || nt / g.stride[0] >= g.oT) continue;
            for (int b = 0; b < g.kH; b++) {
                int nh = xh + g.pad[1] - b * g.dilation[1];
                if (nh < 0 || nh % g.stride[1] != 0 || nh / g.stride[1] >= g.oH) continue;
                for (int d = 0; d < g.kW; d++) {
                    int nw = xw + g.pad[2] - d * g.dilation[2];
                    if (nw < 0 || nw % g.stride[2] != 0 || nw / g.stride[2] >= g.oW) continue;
                    long yi = (((long) (n * g.O + o) * g.oT + nt / g.stride[0]) * g.oH + nh / g.stride[1]) * g.oW
                              + nw / g.stride[2];
                    long wi = (((long) (o * cg + c % cg) * g.kT + a) * g.kH + b) * g.kW + d;
                    acc += gy[gyOffset + yi] * w[wOffset + wi];
                }
            }
        }
    gx[i] = (T) acc;
}

/* gradW[o, c, a, b, d] = sum_{n, t, h, w} gradOut[n, o, t, h, w] x[n, g C/G + c, ...]; one item per weight */
__kernel void conv3d_weight_grad(__global const T *x, int xOffset, __global const T *gy, int gyOffset,
                                 __global T *gw, Conv g) {
    int i = get_global_id(0);
    int cg = g.C / g.groups, og = g.O / g.groups;
    int total = g.O * cg * g.kT * g.kH * g.kW;
    if (i >= total) return;
    int d = i % g.kW, b = i / g.kW % g.kH, a = i / (g.kW * g.kH) % g.kT;
    int c = i / (g.kW * g.kH * g.kT) % cg, o = i / (g.kW * g.kH * g.kT * cg);
    int xc = o / og * cg + c;
    ACC acc = 0;
    for (int n = 0; n < g.N; n++)
        for (int ot = 0; ot < g.oT; ot++) {
            int t = ot * g.stride[0] - g.pad[0] + a * g.dilation[0];
            if (t < 0 || t >= g.T) continue;
            for (int oh = 0; oh < g.oH; oh++) {
                int h = oh * g.stride[1] - g.pad[1] + b * g.dilation[1];
                if (h < 0 || h >= g.H) continue;
                for (int ow = 0; ow < g.oW; ow++) {
                    int ww = ow * g.stride[2] - g.pad[2] + d * g.dilation[2];
                    if (ww < 0 || ww >= g.W) continue;
                    long xi = (((long) (n * g.C + xc) * g.T + t) * g.H + h) * g.W + ww;
                    long yi = (((long) (n * g.O + o) * g.oT + ot) * g.oH + oh) * g.oW + ow;
                    acc += gy[gyOffset + yi] * x[xOffset + xi];
                }
            }
        }
    gw[i] = (T) acc;
}
