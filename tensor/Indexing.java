package tensor;

/** Gathering and scattering by I32 indices, one-hot, embeddings, top-k. */
final class Indexing {
    private Indexing() {}
    static Tensor gather(Tensor x, int axis, Tensor index) { throw new UnsupportedOperationException("pending"); }
    static Tensor indexSelect(Tensor x, int axis, Tensor index) { throw new UnsupportedOperationException("pending"); }
    static Tensor scatterAdd(Tensor target, int axis, Tensor index, Tensor src) { throw new UnsupportedOperationException("pending"); }
    static Tensor oneHot(Tensor ids, int classes, DType dtype) { throw new UnsupportedOperationException("pending"); }
    static Tensor embedding(Tensor weight, Tensor ids) { throw new UnsupportedOperationException("pending"); }
    static TopK topk(Tensor x, int k, int axis, boolean largest) { throw new UnsupportedOperationException("pending"); }
}
