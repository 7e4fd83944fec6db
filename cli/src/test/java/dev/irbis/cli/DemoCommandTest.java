package dev.irbis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    @TempDir
    Path cache;

    @Test
    void generatesOnceThenClassifiesTheDrawnPicture() throws Exception {
        CliRunner.Result first = CliRunner.run("demo", "--tiny", "--cache", cache, "--threads", 2);
        assertEquals(0, first.exitCode(), first::toString);
        assertTrue(first.out().contains("generating resnet50-torchvision-tiny-c100-s42"), first::toString);
        assertTrue(first.out().contains("top-5:") && first.out().contains("NOT trained")
                && first.out().contains("./irbis classify --model"), first::toString);
        assertEquals(5, first.out().lines().filter(l -> l.matches("\\s+\\d\\s+\\d+\\.\\d\\d%.*\\(\\d+\\)")).count(), first::toString);
        // 100 classes: the ImageNet list cannot apply, so indices are shown.
        assertTrue(first.out().contains("showing class indices"), first::toString);
        assertTrue(Files.isRegularFile(cache.resolve("resnet50-torchvision-tiny-c100-s42.onnx")));
        assertEquals(320, ImageIO.read(cache.resolve("demo-picture.png").toFile()).getWidth());
        try (var files = Files.list(cache)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".generating")), "the work folder is removed");
        }

        CliRunner.Result second = CliRunner.run("demo", "--tiny", "--cache", cache, "--threads", 2);
        assertEquals(0, second.exitCode(), second::toString);
        assertTrue(second.out().contains("from the cache"), second::toString);
        String top1 = first.out().lines().filter(l -> l.matches("\\s+1\\s.*")).findFirst().orElseThrow();
        assertTrue(second.out().contains(top1), "the same picture and weights give the same result:\n" + second);
    }

    @Test
    void aMissingLabelFileIsAnInputError() {
        CliRunner.Result r = CliRunner.run("demo", "--tiny", "--cache", cache, "--labels", cache.resolve("none.txt"));
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r::toString);
    }
}
