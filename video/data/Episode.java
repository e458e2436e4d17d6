package video.data;

import java.util.List;

/**
 * An in-context evaluation item: demonstration segments (each a fresh scene under
 * {@code demoRule}), then the first {@code prompt.frames()} frames of a new scene whose hidden rule
 * is {@code rule}, and the ground-truth {@code continuation}: the rest of that segment under
 * {@code rule}. A model sees {@link #context()} and generates; its frames are measured and compared
 * with {@code rule} (and with the continuation by PSNR/SSIM).
 */
public record Episode(DemoKind kind, MotionRule rule, MotionRule demoRule, List<Clip> demos, List<Scene> demoScenes,
        Scene query, Clip prompt, Clip continuation) {

    public Episode {
        demos = List.copyOf(demos);
        demoScenes = List.copyOf(demoScenes);
    }

    /** Demonstrations followed by the prompt, one clip along time (just the prompt when there are none). */
    public Clip context() {
        List<Clip> parts = new java.util.ArrayList<>(demos);
        parts.add(prompt);
        return Clip.concatFrames(parts);
    }
}
