package train;

import tensor.DType;
import tensor.Generator;
import tensor.Tensor;

/**
 * Examples {@code [x, y]} with {@code x ~ N(0, 1)} and {@code y = x·Aᵀ + c} for a fixed {@code A, c}:
 * example {@code i} is drawn from counter {@code i · blocks} of its stream, so any position can
 * be sought without replaying the ones before it.
 */
final class RegressionData implements BatchSource {
    private final Generator stream;
    private final Tensor a;
    private final Tensor c;
    private final int in;
    private long position;

    RegressionData(Generator stream, int in, int out) {
        this.stream = stream;
        this.in = in;
        Generator truth = new Generator(12345);
        this.a = Tensor.randn(truth, DType.F32, out, in);
        this.c = Tensor.randn(truth, DType.F32, out);
    }

    @Override
    public Tensor next(int batchSize) {
        Tensor[] rows = new Tensor[batchSize];
        for (int i = 0; i < batchSize; i++) {
            rows[i] = Tensor.randn(new Generator(stream.seed(), stream.stream(), (position + i) * ((in + 3) / 4)), DType.F32, 1, in);
        }
        position += batchSize;
        Tensor x = Tensor.concat(0, rows);
        return Tensor.concat(1, x, x.matmul(a.transpose(0, 1)).add(c));
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void seek(long position) {
        this.position = position;
    }
}
