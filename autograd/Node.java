package autograd;

import java.util.List;
import java.util.function.Supplier;
import tensor.Tensor;

/**
 * One recorded op: its name, its inputs, its backward rule, the tensors it made only for its
 * backward (which it owns and closes when released), and, in anomaly mode, where the user called it.
 */
final class Node {
    final String op;
    final Variable[] inputs;
    final String callSite;
    private BackwardRule rule;
    private List<Tensor> owned;

    Node(String op, Variable[] inputs, BackwardRule rule, List<Tensor> owned, String callSite) {
        this.op = op;
        this.inputs = inputs;
        this.rule = rule;
        this.owned = owned;
        this.callSite = callSite;
    }

    /** The gradient for each input that needs one (null for the others). */
    Tensor[] backward(Tensor gradOutput) {
        if (rule == null) {
            throw new IllegalStateException(op + ": the graph was released by an earlier backward(); "
                    + "pass retainGraph = true to the first backward to run it again");
        }
        List<Supplier<Tensor>> suppliers = rule.gradients(gradOutput);
        Tensor[] grads = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].requiresGrad()) {
                grads[i] = suppliers.get(i).get();
            }
        }
        return grads;
    }

    /** Drops the rule (and the tensors its closure saved) and closes the tensors this node owns. */
    void release() {
        rule = null;
        for (Tensor t : owned) {
            t.close();
        }
        owned = List.of();
    }

    String describe() {
        return "'" + op + "'" + (callSite == null ? "" : " (called at " + callSite + ")");
    }
}
