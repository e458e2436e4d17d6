package train.optim;

import autograd.Variable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits named parameters into a group that gets weight decay and one that does not, the usual
 * recipe for transformers (GPT-2, nanoGPT, timm): decay shrinks weight matrices and kernels, but
 * not biases, the gains and shifts of norm layers, or other vectors, whose scale carries meaning.
 * A parameter is exempt when its rank is ≤ 1, its name ends in {@code bias}, or a segment of its
 * dotted name contains {@code norm} (so a {@code [C, 1, 1, 1]} norm gain is caught by name).
 */
public final class WeightDecaySplit {
    private WeightDecaySplit() {}

    /**
     * Two named groups, in the map's order within each: first the decayed parameters with
     * {@code weightDecay}, then the exempt ones with weight decay 0. Either may be empty.
     */
    public static List<ParamGroup> groups(Map<String, Variable> named, double weightDecay) {
        Map<String, Variable> decay = new LinkedHashMap<>();
        Map<String, Variable> noDecay = new LinkedHashMap<>();
        named.forEach((name, p) -> (isExempt(name, p) ? noDecay : decay).put(name, p));
        return List.of(ParamGroup.named(decay).withWeightDecay(weightDecay), ParamGroup.named(noDecay).withWeightDecay(0));
    }

    /** Whether {@code p} (named {@code name}) should get no weight decay: rank ≤ 1, a bias, or part of a norm layer. */
    public static boolean isExempt(String name, Variable p) {
        if (p.shape().rank() <= 1) {
            return true;
        }
        String[] segments = name.toLowerCase(Locale.ROOT).split("\\.");
        if (segments[segments.length - 1].equals("bias")) {
            return true;
        }
        for (String s : segments) {
            if (s.contains("norm")) {
                return true;
            }
        }
        return false;
    }
}
