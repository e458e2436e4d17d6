package video.vidicl.eval;

import java.util.Optional;
import video.data.Clip;
import video.data.DemoKind;
import video.data.Motion;
import video.data.MotionRule;

/**
 * One evaluated episode kept for the report: its last demonstration (none for {@code NONE}), what
 * the model saw and made, the ground truth, the measured motion and whether it was scored correct.
 */
public record Example(DemoKind kind, MotionRule rule, MotionRule demoRule, Optional<Clip> demo, Continuation continuation,
                      Clip truth, Motion motion, boolean correct) {}
