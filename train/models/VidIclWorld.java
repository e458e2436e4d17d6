package train.models;

import java.util.List;
import video.data.MotionFamily;
import video.data.ShapeKind;
import video.data.WorldConfig;

/**
 * The config's {@code data} section for Vid-ICL: the in-context world the videos come from
 * (square frames of side {@code size}, {@code segments} scenes of {@code frames_per_segment} frames
 * under one rule). Shapes, palette and backgrounds are the world's defaults.
 */
public record VidIclWorld(int size, int framesPerSegment, int segments, List<MotionFamily> families, List<Integer> speeds,
                          int minObjects, int maxObjects, int minSize, int maxSize, double textureDensity) {

    /** 12×12 frames, 4 frames a segment, 3 segments; objects of side 4–5 moving 2 px a frame. */
    public static final VidIclWorld DEFAULTS = new VidIclWorld(12, 4, 3, List.of(MotionFamily.OBJECT_MOTION), List.of(2),
            1, 2, 4, 5, 0.0);

    public VidIclWorld {
        families = families == null ? null : List.copyOf(families);
        speeds = speeds == null ? null : List.copyOf(speeds);
        if (segments < 2) {
            throw new IllegalArgumentException("data.segments must be at least 2 (a demonstration and a query), got " + segments);
        }
        world(size, framesPerSegment, segments, families, speeds, minObjects, maxObjects, minSize, maxSize, textureDensity);
    }

    /** The world's full configuration (which checks that objects stay in view, among other things). */
    public WorldConfig world() {
        return world(size, framesPerSegment, segments, families, speeds, minObjects, maxObjects, minSize, maxSize,
                textureDensity);
    }

    private static WorldConfig world(int size, int framesPerSegment, int segments, List<MotionFamily> families,
                                     List<Integer> speeds, int minObjects, int maxObjects, int minSize, int maxSize,
                                     double textureDensity) {
        try {
            return new WorldConfig(size, size, framesPerSegment, segments, families, speeds, List.of(ShapeKind.values()),
                    WorldConfig.DEFAULT_PALETTE, WorldConfig.DEFAULT_BACKGROUNDS, minObjects, maxObjects, minSize, maxSize,
                    textureDensity);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("data: " + e.getMessage(), e);
        }
    }
}
