package video.vidicl;

import tensor.Tensor;

/** Moves tensors made by factories (on the thread's current device) next to the model's tensors. */
final class Placement {
    private Placement() {}

    /** {@code t} itself when it already lies on {@code like}'s backend, else a copy there. */
    static Tensor onBackendOf(Tensor t, Tensor like) {
        return t.backend() == like.backend() ? t : t.to(like.backend());
    }
}
