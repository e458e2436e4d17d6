package video.data;

import java.util.List;

/**
 * One segment's scene: a background colour, its texture of specks and the objects, painted in
 * that order (later objects cover earlier ones). Positions are screen positions in the segment's
 * first frame; a {@link MotionRule} says how they move from there (see {@link Renderer}).
 */
public record Scene(Rgb background, List<Speck> backdrop, List<SceneObject> objects) {

    public Scene {
        backdrop = List.copyOf(backdrop);
        objects = List.copyOf(objects);
    }
}
