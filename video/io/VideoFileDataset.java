package video.io;

import java.util.List;
import video.data.Clip;
import video.data.Dataset;

/** Video files (or frame folders) read on demand with {@link VideoFiles#read}, in the order given. */
public record VideoFileDataset(List<java.nio.file.Path> files) implements Dataset {

    public VideoFileDataset {
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("VideoFileDataset needs at least one file");
        }
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public Clip get(int index) {
        return VideoFiles.read(files.get(index));
    }
}
