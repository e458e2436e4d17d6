package video.data;

/**
 * One object of a scene: a shape of {@code size × size} pixels whose bounding box's top-left
 * corner is at {@code (x, y)} on screen in the segment's first frame (it may lie outside the view).
 */
public record SceneObject(ShapeKind kind, Rgb colour, int size, int x, int y) {

    public SceneObject {
        if (size <= 0) {
            throw new IllegalArgumentException("SceneObject size must be positive, got " + size);
        }
    }

    /** Whether pixel {@code (px, py)} is covered when the box's corner sits at {@code (left, top)}. */
    boolean covers(int px, int py, int left, int top) {
        double half = size / 2.0;
        return kind.contains(px + 0.5 - left - half, py + 0.5 - top - half, half);
    }
}
