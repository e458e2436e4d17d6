package train.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tensor.DType;
import tensor.Generator;
import tensor.Tensor;
import train.config.ConfigException;
import train.RandomStreams;
import train.config.TrainConfig;
import video.data.World;
import video.magvit.MagvitTokenizer;
import video.vidicl.VidIclTransformer;

class VidIclEntryTest {
    private static final String CONFIG = """
            {"model": {"width": 16, "layers": 1, "heads": 2, "hidden": 32},
             "data": {"size": 16, "frames_per_segment": 4, "segments": 2, "patch": 8, "levels": 2}}""";

    @Test
    void buildsATransformerWhoseContextIsOneVideo() {
        ModelEntry.Built built = ModelRegistry.find("vidicl").build(TrainConfig.parse(CONFIG, "test"), "test");
        VidIclTransformer.Config model = ((VidIclTransformer) built.module()).config();
        assertEquals(8, model.vocabulary(), "2 levels per channel");
        assertEquals(8 * 4, model.context(), "8 frames of 2×2 patches");
        Tensor batch = built.trainData().next(2);
        assertArrayEquals(new int[] {2, 32}, batch.shape().dims());
        double loss = built.task().loss(batch, new Generator(1)).loss().value().item();
        assertEquals(Math.log(8), loss, 1.5, "an untrained model is near uniform over 8 tokens");
        assertTrue(built.resolved().toJson().contains("\"levels\" : 2"), built.resolved().toJson());
    }

    @Test
    void ropeThetaReachesTheTransformerAndMustExceedOne() {
        String custom = CONFIG.replace("\"hidden\": 32", "\"hidden\": 32, \"rope_theta\": 500");
        ModelEntry.Built built = ModelRegistry.find("vidicl").build(TrainConfig.parse(custom, "test"), "test");
        assertEquals(500, ((VidIclTransformer) built.module()).config().ropeTheta());
        assertEquals(10000, ((VidIclTransformer) ModelRegistry.find("vidicl").build(TrainConfig.parse(CONFIG, "test"), "test")
                .module()).config().ropeTheta(), "Llama's base unless given");
        String bad = CONFIG.replace("\"hidden\": 32", "\"hidden\": 32, \"rope_theta\": 1");
        ConfigException e = assertThrows(ConfigException.class,
                () -> ModelRegistry.find("vidicl").build(TrainConfig.parse(bad, "test"), "test"));
        assertTrue(e.getMessage().contains("rope_theta"), e.getMessage());
    }

    @Test
    void codeBitsReachTheTransformerAndNeedAPowerOfTwoVocabulary() {
        String on = CONFIG.replace("\"hidden\": 32", "\"hidden\": 32, \"code_bits\": true");
        VidIclTransformer built = (VidIclTransformer) ModelRegistry.find("vidicl").build(TrainConfig.parse(on, "test"), "test").module();
        assertTrue(built.config().codeBits() && built.embedBits != null, "2 levels per channel: 8 tokens of 3 bits");
        assertEquals(3, built.config().bits());
        assertFalse(((VidIclTransformer) ModelRegistry.find("vidicl").build(TrainConfig.parse(CONFIG, "test"), "test")
                .module()).config().codeBits(), "off unless given");
        String threeLevels = on.replace("\"levels\": 2", "\"levels\": 3");
        ConfigException e = assertThrows(ConfigException.class,
                () -> ModelRegistry.find("vidicl").build(TrainConfig.parse(threeLevels, "test"), "test"));
        assertTrue(e.getMessage().contains("power of two") && e.getMessage().contains("27"), e.getMessage());
    }

    @Test
    void batchesReplayAfterSeeking() {
        var config = new WorldTokenBatches.Config(16, 4, 2, 8, 2);
        WorldTokenBatches data = new WorldTokenBatches(config, config.videoTokenizer(), 3);
        data.next(2);
        int[] second = data.next(3).toIntArray();
        data.seek(2);
        assertArrayEquals(second, data.next(3).toIntArray());
        assertEquals(5, data.position());
    }

    @Test
    void badSectionsAreConfigErrors() {
        String bad = CONFIG.replace("\"patch\": 8", "\"patch\": 5");
        assertThrows(ConfigException.class,
                () -> ModelRegistry.find("vidicl").build(TrainConfig.parse(bad, "test"), "test"));
    }

    @Test
    void readsTheCodesOfATrainedMagvitTokenizerWhenTheDataSectionNamesOne() {
        String magvit = """
                {"model": {"width": 16, "layers": 1, "heads": 2, "hidden": 32},
                 "data": {"size": 16, "frames_per_segment": 3, "segments": 2, "tokenizer": "weights/tokenizer"}}""";
        ModelEntry.Built built = ModelRegistry.find("vidicl").build(TrainConfig.parse(magvit, "test"), "test");
        VidIclTransformer.Config model = ((VidIclTransformer) built.module()).config();
        assertEquals(1024, model.vocabulary(), "the shipped tokenizer's 10 bits");
        assertEquals(2 * 3 * 8 * 8, model.context(), "6 frames of 8×8 codes");
        int[] sequence = built.trainData().next(1).toIntArray();

        MagvitTokenizer tokenizer = TrainedTokenizer.load(Path.of("weights", "tokenizer")).tokenizer();
        var data = new WorldTokenBatches.Config(16, 3, 2, 4, 4).world();
        var video = new World(data, ModelRegistry.worldSeed(0, RandomStreams.TRAIN_DATA)).video(0).clip();
        for (int segment = 0; segment < 2; segment++) {
            Tensor clip = video.frames(3 * segment, 3 * segment + 3).toTensor().unsqueeze(0);
            int[] codes = tokenizer.encode(clip).tokens().to(DType.I32).toIntArray();
            assertArrayEquals(codes, Arrays.copyOfRange(sequence, segment * 192, (segment + 1) * 192),
                    "segment " + segment + " is the tokenizer's codes of that scene alone");
        }
    }

    @Test
    void frameByFrameTokenizesEachFrameOfTheVideoAsAnImage() {
        String magvit = """
                {"model": {"width": 16, "layers": 1, "heads": 2, "hidden": 32},
                 "data": {"size": 16, "frames_per_segment": 3, "segments": 2, "tokenizer": "weights/tokenizer",
                          "frame_by_frame": true}}""";
        ModelEntry.Built built = ModelRegistry.find("vidicl").build(TrainConfig.parse(magvit, "test"), "test");
        assertEquals(2 * 3 * 8 * 8, ((VidIclTransformer) built.module()).config().context(), "6 frames of 8×8 codes");
        int[] sequence = built.trainData().next(1).toIntArray();

        MagvitTokenizer tokenizer = TrainedTokenizer.load(Path.of("weights", "tokenizer")).tokenizer();
        var data = new WorldTokenBatches.Config(16, 3, 2, 4, 4).world();
        var video = new World(data, ModelRegistry.worldSeed(0, RandomStreams.TRAIN_DATA)).video(0).clip();
        for (int frame = 0; frame < 6; frame++) {
            Tensor image = video.frames(frame, frame + 1).toTensor().unsqueeze(0);
            int[] codes = tokenizer.encode(image).tokens().to(DType.I32).toIntArray();
            assertArrayEquals(codes, Arrays.copyOfRange(sequence, frame * 64, (frame + 1) * 64),
                    "frame " + frame + " is the tokenizer's codes of that frame alone");
        }
    }

    @Test
    void aTokenizerThatIsNotThereIsAConfigErrorNamingThePath() {
        String missing = CONFIG.replace("\"levels\": 2", "\"levels\": 2, \"tokenizer\": \"no/such/run\"");
        ConfigException e = assertThrows(ConfigException.class,
                () -> ModelRegistry.find("vidicl").build(TrainConfig.parse(missing, "test"), "test"));
        assertTrue(e.getMessage().startsWith("data.tokenizer: no such checkpoint: no/such/run"), e.getMessage());
    }
}
