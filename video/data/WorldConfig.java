package video.data;

import java.util.List;

/**
 * Everything that shapes the in-context world: resolution, frames per segment, segments per video,
 * the rule families and speeds a video's rule is drawn from, and the scene vocabulary (shapes,
 * object palette, backgrounds, object count and size, background texture density).
 *
 * <p>Objects under {@link MotionFamily#OBJECT_MOTION} are spawned so that they stay wholly inside
 * the view for the entire segment (no wrapping, no bouncing: the rule's direction is visible in
 * every frame), which needs {@code maxSize + maxSpeed·(framesPerSegment − 1) ≤ min(height, width)};
 * the constructor checks it ({@code maxSize + 2·maxSpeed·(framesPerSegment − 1)} under
 * {@link Spawn#ANY_DIRECTION}, which also keeps the first frame from hinting at the direction). Object colours are drawn at RGB distance at least
 * {@link #MIN_CONTRAST} from the background; the texture specks stay within {@link #TEXTURE_CONTRAST}
 * of it, so a foreground threshold between the two separates objects from background.
 */
public record WorldConfig(
        int height,
        int width,
        int framesPerSegment,
        int segmentsPerVideo,
        List<MotionFamily> families,
        List<Integer> speeds,
        List<ShapeKind> shapes,
        List<Rgb> palette,
        List<Rgb> backgrounds,
        int minObjects,
        int maxObjects,
        int minSize,
        int maxSize,
        double textureDensity,
        Spawn spawn) {

    /** Least RGB distance between an object's colour and its background. */
    public static final double MIN_CONTRAST = 0.45;
    /** Most RGB distance between a texture speck and its background. */
    public static final double TEXTURE_CONTRAST = 0.16;

    public static final List<Rgb> DEFAULT_PALETTE = List.of(
            Rgb.hex(0xe6194b), Rgb.hex(0x3cb44b), Rgb.hex(0xffe119), Rgb.hex(0x4363d8),
            Rgb.hex(0xf58231), Rgb.hex(0x42d4f4), Rgb.hex(0xf032e6), Rgb.hex(0xffffff));
    public static final List<Rgb> DEFAULT_BACKGROUNDS = List.of(
            Rgb.hex(0x101010), Rgb.hex(0x1a2340), Rgb.hex(0x1f3a1f), Rgb.hex(0x3a2a1a), Rgb.hex(0x2e1f3a),
            Rgb.hex(0x808080));

    public WorldConfig {
        families = List.copyOf(families);
        speeds = List.copyOf(speeds);
        shapes = List.copyOf(shapes);
        palette = List.copyOf(palette);
        backgrounds = List.copyOf(backgrounds);
        require(height > 0 && width > 0, "resolution must be positive, got " + height + "×" + width);
        require(framesPerSegment >= 2, "framesPerSegment must be at least 2 to show motion, got " + framesPerSegment);
        require(segmentsPerVideo >= 1, "segmentsPerVideo must be at least 1, got " + segmentsPerVideo);
        require(!families.isEmpty() && !speeds.isEmpty() && !shapes.isEmpty() && !palette.isEmpty()
                && !backgrounds.isEmpty(), "families, speeds, shapes, palette and backgrounds must be non-empty");
        require(speeds.stream().allMatch(s -> s > 0), "speeds must be positive, got " + speeds);
        require(minObjects >= 1 && maxObjects >= minObjects, "objects range must satisfy 1 ≤ min ≤ max, got "
                + minObjects + ".." + maxObjects);
        require(minSize >= 2 && maxSize >= minSize, "size range must satisfy 2 ≤ min ≤ max, got " + minSize + ".."
                + maxSize);
        require(textureDensity >= 0 && textureDensity <= 0.5, "textureDensity must lie in [0, 0.5], got "
                + textureDensity);
        require(spawn != null, "spawn must be given (FOR_RULE or ANY_DIRECTION)");
        int fastest = speeds.stream().mapToInt(Integer::intValue).max().orElseThrow();
        int reach = fastest * (framesPerSegment - 1);
        int travel = maxSize + (spawn == Spawn.ANY_DIRECTION ? 2 * reach : reach);
        require(travel <= Math.min(height, width), "an object of size " + maxSize + " moving " + fastest
                + " px/frame for " + framesPerSegment + " frames " + (spawn == Spawn.ANY_DIRECTION
                ? "in any direction needs " : "spans ") + travel + " px, more than the "
                + height + "×" + width + " view: lower maxSize, speeds or framesPerSegment");
        for (Rgb bg : backgrounds) {
            require(palette.stream().anyMatch(c -> c.distance(bg) >= MIN_CONTRAST), "background " + bg
                    + " has no palette colour at distance ≥ " + MIN_CONTRAST);
        }
    }

    /**
     * A square world of side {@code size} (at least 18, so that the largest object can travel the
     * whole segment at speed 2): 8 frames a segment, 4 segments, both families, speeds
     * 1 and 2, every shape, 1–3 objects of side {@code size/8 … size/4}, texture on 4% of pixels,
     * objects spawned {@link Spawn#FOR_RULE}.
     */
    public static WorldConfig defaults(int size) {
        return new WorldConfig(size, size, 8, 4, List.of(MotionFamily.values()), List.of(1, 2),
                List.of(ShapeKind.values()), DEFAULT_PALETTE, DEFAULT_BACKGROUNDS, 1, 3,
                Math.max(3, size / 8), Math.max(3, size / 4), 0.04, Spawn.FOR_RULE);
    }

    public WorldConfig withFrames(int framesPerSegment, int segmentsPerVideo) {
        return new WorldConfig(height, width, framesPerSegment, segmentsPerVideo, families, speeds, shapes, palette,
                backgrounds, minObjects, maxObjects, minSize, maxSize, textureDensity, spawn);
    }

    public WorldConfig withFamilies(MotionFamily... families) {
        return new WorldConfig(height, width, framesPerSegment, segmentsPerVideo, List.of(families), speeds, shapes,
                palette, backgrounds, minObjects, maxObjects, minSize, maxSize, textureDensity, spawn);
    }

    public WorldConfig withSpeeds(Integer... speeds) {
        return new WorldConfig(height, width, framesPerSegment, segmentsPerVideo, families, List.of(speeds), shapes,
                palette, backgrounds, minObjects, maxObjects, minSize, maxSize, textureDensity, spawn);
    }

    public WorldConfig withObjects(int minObjects, int maxObjects, int minSize, int maxSize) {
        return new WorldConfig(height, width, framesPerSegment, segmentsPerVideo, families, speeds, shapes, palette,
                backgrounds, minObjects, maxObjects, minSize, maxSize, textureDensity, spawn);
    }

    public WorldConfig withTextureDensity(double textureDensity) {
        return new WorldConfig(height, width, framesPerSegment, segmentsPerVideo, families, speeds, shapes, palette,
                backgrounds, minObjects, maxObjects, minSize, maxSize, textureDensity, spawn);
    }

    public WorldConfig withSpawn(Spawn spawn) {
        return new WorldConfig(height, width, framesPerSegment, segmentsPerVideo, families, speeds, shapes, palette,
                backgrounds, minObjects, maxObjects, minSize, maxSize, textureDensity, spawn);
    }

    public int maxSpeed() {
        return speeds.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    /** Frames in one video: {@code framesPerSegment · segmentsPerVideo}. */
    public int framesPerVideo() {
        return framesPerSegment * segmentsPerVideo;
    }

    private static void require(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException("WorldConfig: " + problem);
        }
    }
}
