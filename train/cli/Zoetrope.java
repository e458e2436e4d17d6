package train.cli;

/** The {@code zoetrope} command. */
public final class Zoetrope {
    private Zoetrope() {}

    public static void main(String[] args) {
        System.out.println("zoetrope: pending");
    }
}
