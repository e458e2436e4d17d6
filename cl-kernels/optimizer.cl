/*
 * The fused optimizer update (tensor.Backend.optimizerStep): one work-item per element reads the
 * gradient and rewrites the parameter and its optimizer state IN PLACE, by the formulas on
 * tensor.OptimizerKind. Every tensor is contiguous and comes with its element offset. Scalars are
 * of type T, derived on the host in double (step sizes, bias corrections).
 *
 * Build options: T (float or double) and one rule:
 *   RULE_SGD   sgd_step; MOMENTUM when there is a momentum buffer b, NESTEROV for Nesterov momentum
 *   RULE_ADAM  adam_step, for Adam and AdamW alike:  g <- s*g + l2*p,  p <- decay*p - stepSize*m/denom
 *              (Adam: decay = 1, l2 = lambda; AdamW: decay = 1 - lr*lambda, l2 = 0)
 */

#ifdef RULE_SGD
/* keep = 1 - dampening; first != 0 on the parameter's first step, when the buffer starts as the gradient */
__kernel void sgd_step(__global T *p, int pOffset, __global const T *g, int gOffset, __global T *b, int bOffset,
                       int n, T lr, T weightDecay, T momentum, T keep, int first, T scale) {
    int i = get_global_id(0);
    if (i >= n) return;
    T pi = p[pOffset + i];
    T d = scale * g[gOffset + i] + weightDecay * pi;
#ifdef MOMENTUM
    T buf = first ? d : momentum * b[bOffset + i] + keep * d;
    b[bOffset + i] = buf;
#ifdef NESTEROV
    d = d + momentum * buf;
#else
    d = buf;
#endif
#endif
    p[pOffset + i] = pi - lr * d;
}
#endif

#ifdef RULE_ADAM
/* stepSize = lr / (1 - beta1^t), correction2 = sqrt(1 - beta2^t) */
__kernel void adam_step(__global T *p, int pOffset, __global const T *g, int gOffset, __global T *m, int mOffset,
                        __global T *v, int vOffset, int n, T decay, T l2, T beta1, T beta2, T stepSize,
                        T correction2, T eps, T scale) {
    int i = get_global_id(0);
    if (i >= n) return;
    T pi = p[pOffset + i];
    T d = scale * g[gOffset + i] + l2 * pi;
    T mi = beta1 * m[mOffset + i] + ((T) 1 - beta1) * d;
    T vi = beta2 * v[vOffset + i] + ((T) 1 - beta2) * d * d;
    m[mOffset + i] = mi;
    v[vOffset + i] = vi;
    p[pOffset + i] = decay * pi - stepSize * mi / (sqrt(vi) / correction2 + eps);
}
#endif
