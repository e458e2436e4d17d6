package video.vidicl.eval;

import video.data.Clip;

/**
 * What a generator made of one episode: the prompt as the model saw it (through its tokenizer,
 * so colours are quantised the way the generated frames are) and the frames it generated after it.
 * Both are {@code [3, T, H, W]} clips of the episode's resolution.
 */
public record Continuation(Clip prompt, Clip generated) {

    public Continuation {
        if (prompt.height() != generated.height() || prompt.width() != generated.width()
                || prompt.channels() != generated.channels()) {
            throw new IllegalArgumentException("Continuation: prompt " + prompt + " and generation " + generated
                    + " differ in channels or frame size");
        }
    }

}
