package train;

import java.util.Map;
import tensor.Generator;
import tensor.Tensor;

/**
 * Everything a resumed run needs to continue exactly as an unbroken one would (DESIGN §7): the
 * model's and the optimizer's tensors, the number of steps done (which is also the learning-rate
 * schedule's state: schedules are functions of the step), the random stream's position and the
 * data source's position, the moving average of the weights when the run keeps one, plus the
 * resolved config and the Zoetrope version that wrote it.
 *
 * @param step         optimizer steps done
 * @param model        the model's state dict
 * @param optimizer    the optimizer's state tensors
 * @param optimizerSteps the optimizer's update count per parameter
 * @param ema          the moving average of the model's weights, by state-dict name; empty when the run keeps none
 * @param emaUpdates   updates folded into {@code ema} ({@link ExponentialMovingAverage#updates()}); 0 when it is empty
 * @param rng          seed, stream and counter of the model's random stream
 * @param dataPosition the training data source's {@link BatchSource#position()}
 * @param configJson   the run's resolved config
 * @param version      the Zoetrope version that wrote this state
 */
public record TrainingState(long step, Map<String, Tensor> model, Map<String, Tensor> optimizer,
                            Map<String, Long> optimizerSteps, Map<String, Tensor> ema, long emaUpdates, RngState rng, long dataPosition, String configJson, String version) {

    /** The position of a {@link Generator}: three integers. */
    public record RngState(long seed, long stream, long counter) {
        public static RngState of(Generator g) {
            return new RngState(g.seed(), g.stream(), g.counter());
        }

        public Generator generator() {
            return new Generator(seed, stream, counter);
        }
    }
}
