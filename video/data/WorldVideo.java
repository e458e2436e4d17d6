package video.data;

import java.util.List;

/**
 * One video of the in-context world with its ground truth: the {@code [3, S·T, H, W]} frames, the
 * rule that holds throughout, and the scene of each of the {@code S} segments (segment {@code s}
 * occupies frames {@code [s·T, (s + 1)·T)}).
 */
public record WorldVideo(Clip clip, MotionRule rule, List<Scene> scenes) {

    public WorldVideo {
        scenes = List.copyOf(scenes);
    }

    /** The frames of segment {@code s}. */
    public Clip segment(int s) {
        int t = clip.frames() / scenes.size();
        return clip.frames(s * t, (s + 1) * t);
    }
}
