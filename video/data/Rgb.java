package video.data;

/** A colour with red, green and blue in {@code [0, 1]}. */
public record Rgb(float r, float g, float b) {

    public Rgb {
        if (!(r >= 0 && r <= 1 && g >= 0 && g <= 1 && b >= 0 && b <= 1)) {
            throw new IllegalArgumentException("Rgb channels must lie in [0, 1], got (" + r + ", " + g + ", " + b + ")");
        }
    }

    /** From 8-bit channels, e.g. {@code Rgb.hex(0xff8800)}. */
    public static Rgb hex(int rgb) {
        return new Rgb(((rgb >> 16) & 0xff) / 255f, ((rgb >> 8) & 0xff) / 255f, (rgb & 0xff) / 255f);
    }

    /** Euclidean distance in RGB space (0 for equal colours, √3 for black vs white). */
    public double distance(Rgb o) {
        double dr = r - o.r, dg = g - o.g, db = b - o.b;
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }

    /** This colour with {@code delta} added to every channel, clamped to {@code [0, 1]}. */
    public Rgb brighter(float delta) {
        return new Rgb(clamp(r + delta), clamp(g + delta), clamp(b + delta));
    }

    /** Mean of the channels. */
    public float luma() {
        return (r + g + b) / 3;
    }

    public float channel(int c) {
        return switch (c) {
            case 0 -> r;
            case 1 -> g;
            case 2 -> b;
            default -> throw new IllegalArgumentException("Rgb has channels 0..2, asked for " + c);
        };
    }

    private static float clamp(float v) {
        return Math.max(0, Math.min(1, v));
    }
}
