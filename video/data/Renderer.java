package video.data;

/**
 * Paints a {@link Scene} under a {@link MotionRule}. In frame {@code t} (counted from the scene's
 * first frame) the camera has moved by {@code t·c} and every object by {@code t·o} relative to the
 * world, where {@code (o, c)} is {@code (v·u, 0)} for object motion and {@code (0, v·u)} for a pan
 * ({@code u} the direction's unit step, {@code v} the speed). On screen a speck therefore sits at
 * {@code p − t·c} and an object at {@code p + t·(o − c)}; whatever falls outside the view is cut off.
 * The output is a {@code [3, T, H, W]} clip in {@code [0, 1]}.
 */
public final class Renderer {
    private final int height;
    private final int width;

    public Renderer(int height, int width) {
        this.height = height;
        this.width = width;
    }

    /** Frames {@code from} (inclusive) to {@code to} (exclusive) of {@code scene} under {@code rule}. */
    public Clip render(Scene scene, MotionRule rule, int from, int to) {
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("render: frame range [" + from + ", " + to + ") is empty or negative");
        }
        int frames = to - from;
        Clip clip = Clip.zeros(3, frames, height, width);
        for (int i = 0; i < frames; i++) {
            int t = from + i;
            fill(clip, i, scene.background());
            for (Speck s : scene.backdrop()) {
                int x = s.x() - t * rule.cameraDx(), y = s.y() - t * rule.cameraDy();
                if (x >= 0 && x < width && y >= 0 && y < height) {
                    put(clip, i, y, x, s.colour());
                }
            }
            for (SceneObject o : scene.objects()) {
                paint(clip, i, o, o.x() + t * rule.imageDx(), o.y() + t * rule.imageDy());
            }
        }
        return clip;
    }

    private void paint(Clip clip, int frame, SceneObject o, int left, int top) {
        for (int y = Math.max(0, top); y < Math.min(height, top + o.size()); y++) {
            for (int x = Math.max(0, left); x < Math.min(width, left + o.size()); x++) {
                if (o.covers(x, y, left, top)) {
                    put(clip, frame, y, x, o.colour());
                }
            }
        }
    }

    private static void fill(Clip clip, int frame, Rgb colour) {
        int plane = clip.pixelsPerFrame();
        for (int c = 0; c < 3; c++) {
            int start = clip.index(c, frame, 0, 0);
            java.util.Arrays.fill(clip.data(), start, start + plane, colour.channel(c));
        }
    }

    private static void put(Clip clip, int frame, int y, int x, Rgb colour) {
        for (int c = 0; c < 3; c++) {
            clip.data()[clip.index(c, frame, y, x)] = colour.channel(c);
        }
    }
}
