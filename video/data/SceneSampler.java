package video.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws random scenes for a segment of {@code framesPerSegment} frames under a given rule.
 *
 * <ul>
 *   <li>Object motion: every object is placed so that it stays wholly inside the view for the whole
 *       segment (under the rule, or under any direction: {@link Spawn}); the texture covers the view.</li>
 *   <li>Camera pan: the world is larger than the view (it must cover everything the moving view
 *       sees); objects and texture are scattered over that region with the same density as in the
 *       view, and the first object is placed (as {@link Spawn} says) so that it stays wholly visible throughout, so every
 *       frame has content whose shift can be measured.</li>
 * </ul>
 * Object colours are distinct within a scene when the palette allows, and each lies at least
 * {@link WorldConfig#MIN_CONTRAST} from the background.
 */
final class SceneSampler {
    private static final float[] TEXTURE_STEPS = {0.05f, 0.09f};

    private final WorldConfig config;

    SceneSampler(WorldConfig config) {
        this.config = config;
    }

    Scene sample(SplittableRandom rng, MotionRule rule) {
        Rgb background = pick(rng, config.backgrounds());
        int span = config.framesPerSegment() - 1;
        int travelX = span * rule.imageDx(), travelY = span * rule.imageDy();
        boolean pan = rule.family() == MotionFamily.CAMERA_PAN;

        int count = between(rng, config.minObjects(), config.maxObjects());
        if (pan) {
            double areaRatio = (double) (config.width() + Math.abs(travelX)) * (config.height() + Math.abs(travelY))
                    / ((double) config.width() * config.height());
            count = Math.max(1, (int) Math.round(count * areaRatio));
        }
        List<Rgb> colours = contrastingColours(background);
        List<SceneObject> objects = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ShapeKind kind = pick(rng, config.shapes());
            Rgb colour = colours.isEmpty() ? pick(rng, contrastingColours(background)) : colours.remove(rng.nextInt(colours.size()));
            int size = between(rng, config.minSize(), config.maxSize());
            boolean alwaysInside = !pan || i == 0;
            int x = alwaysInside ? insideStart(rng, config.width(), size, travelX, span * rule.speed())
                    : touchingStart(rng, config.width(), size, travelX);
            int y = alwaysInside ? insideStart(rng, config.height(), size, travelY, span * rule.speed())
                    : touchingStart(rng, config.height(), size, travelY);
            objects.add(new SceneObject(kind, colour, size, x, y));
        }
        return new Scene(background, texture(rng, background, pan ? -span * rule.cameraDx() : 0,
                pan ? -span * rule.cameraDy() : 0), objects);
    }

    /** Specks over every world position the view sees while the world shifts by {@code (travelX, travelY)} on screen. */
    private List<Speck> texture(SplittableRandom rng, Rgb background, int travelX, int travelY) {
        int x0 = -Math.max(0, travelX), y0 = -Math.max(0, travelY);
        int w = config.width() + Math.abs(travelX), h = config.height() + Math.abs(travelY);
        float sign = background.luma() < 0.5f ? 1 : -1;
        List<Speck> specks = new ArrayList<>();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (rng.nextDouble() < config.textureDensity()) {
                    float step = TEXTURE_STEPS[rng.nextInt(TEXTURE_STEPS.length)];
                    specks.add(new Speck(x0 + x, y0 + y, background.brighter(sign * step)));
                }
            }
        }
        return specks;
    }

    private List<Rgb> contrastingColours(Rgb background) {
        List<Rgb> out = new ArrayList<>();
        for (Rgb c : config.palette()) {
            if (c.distance(background) >= WorldConfig.MIN_CONTRAST) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * A start so that {@code [start, start + size)} stays inside {@code [0, extent)} while moving
     * {@code travel}; under {@link Spawn#ANY_DIRECTION}, while moving anything in {@code [−reach, reach]}.
     */
    private int insideStart(SplittableRandom rng, int extent, int size, int travel, int reach) {
        return config.spawn() == Spawn.ANY_DIRECTION
                ? between(rng, reach, extent - size - reach)
                : between(rng, Math.max(0, -travel), extent - size - Math.max(0, travel));
    }

    /** A start so that the object overlaps the view at the start or the end of its travel (or between). */
    private static int touchingStart(SplittableRandom rng, int extent, int size, int travel) {
        return between(rng, -size + 1 - Math.max(0, travel), extent - 1 - Math.min(0, travel));
    }

    private static int between(SplittableRandom rng, int lo, int hi) {
        return lo + rng.nextInt(hi - lo + 1);
    }

    private static <T> T pick(SplittableRandom rng, List<T> options) {
        return options.get(rng.nextInt(options.size()));
    }
}
