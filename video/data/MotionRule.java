package video.data;

/**
 * The one rule that holds for a whole video of the in-context world: a family (objects move, or the
 * camera pans), a {@link Compass} direction index and a speed in pixels per frame along each
 * moving axis.
 *
 * <p>{@link #imageDx()}/{@link #imageDy()} give how picture content moves on screen per frame: with
 * the rule's direction for {@link MotionFamily#OBJECT_MOTION}, against it for
 * {@link MotionFamily#CAMERA_PAN}. Motion measured on frames is compared with {@link #imageDirection()}.
 */
public record MotionRule(MotionFamily family, int direction, int speed) {

    public MotionRule {
        Compass.name(direction);
        if (speed <= 0) {
            throw new IllegalArgumentException("MotionRule speed must be positive, got " + speed);
        }
    }

    /** θ in degrees, counter-clockwise from screen-right. */
    public double degrees() {
        return Compass.degrees(direction);
    }

    /** The same rule turned by 180°. */
    public MotionRule opposite() {
        return new MotionRule(family, Compass.opposite(direction), speed);
    }

    /** Direction in which content moves on screen. */
    public int imageDirection() {
        return family == MotionFamily.OBJECT_MOTION ? direction : Compass.opposite(direction);
    }

    public int imageDx() {
        return Compass.ux(imageDirection()) * speed;
    }

    public int imageDy() {
        return Compass.uy(imageDirection()) * speed;
    }

    /** Per-frame displacement of the objects relative to the world. */
    int objectDx() {
        return family == MotionFamily.OBJECT_MOTION ? Compass.ux(direction) * speed : 0;
    }

    int objectDy() {
        return family == MotionFamily.OBJECT_MOTION ? Compass.uy(direction) * speed : 0;
    }

    /** Per-frame displacement of the camera relative to the world. */
    int cameraDx() {
        return family == MotionFamily.CAMERA_PAN ? Compass.ux(direction) * speed : 0;
    }

    int cameraDy() {
        return family == MotionFamily.CAMERA_PAN ? Compass.uy(direction) * speed : 0;
    }

    @Override
    public String toString() {
        return family + " " + Compass.name(direction) + " (" + (int) degrees() + "°) at " + speed + " px/frame";
    }
}
