package video.io;

/** What a GIF decoder does with a frame's area after showing it (GIF89a graphic control extension). */
public enum GifDisposal {
    /** No disposal specified: treated as {@link #KEEP}. */
    NONE("none"),
    /** Leave the frame in place; the next frame draws over it. */
    KEEP("doNotDispose"),
    /** Clear the frame's rectangle to the background (transparent, read as black here). */
    BACKGROUND("restoreToBackgroundColor"),
    /** Restore the canvas to what it was before this frame was drawn. */
    PREVIOUS("restoreToPrevious");

    /** The name in javax.imageio's GIF metadata format. */
    final String metadataName;

    GifDisposal(String metadataName) {
        this.metadataName = metadataName;
    }

    static GifDisposal ofMetadataName(String name) {
        for (GifDisposal d : values()) {
            if (d.metadataName.equals(name)) {
                return d;
            }
        }
        return NONE;
    }
}
