package video.data;

/**
 * One pixel of background texture at {@code (x, y)} on screen in the segment's first frame. Specks
 * are fixed to the world: still under object motion, shifting with the view under a camera pan,
 * which is what tells a pan apart from all objects moving the other way.
 */
public record Speck(int x, int y, Rgb colour) {
}
