package tensor.catalogue;

import java.util.ArrayList;
import java.util.List;
import tensor.testing.OpInfo;

/** Every op of the Tensor API, as one list the generic checks run over. */
public final class Catalogue {
    private Catalogue() {}

    public static List<OpInfo<?>> all() {
        List<OpInfo<?>> all = new ArrayList<>();
        all.addAll(CreationOps.all());
        all.addAll(ElementwiseOps.all());
        all.addAll(ReductionOps.all());
        all.addAll(ShapingOps.all());
        all.addAll(IndexingOps.all());
        all.addAll(LinearAlgebraOps.all());
        all.addAll(ConvolutionOps.all());
        return all;
    }
}
