package dev.irbis.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irbis.engine.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelsTest {
    static Path labelsDir() {
        String dir = System.getProperty("irbis.shared.dir");
        if (dir == null) {
            throw new AssertionError("the system property irbis.shared.dir is not set (surefire sets it to ../shared)");
        }
        Path p = Path.of(dir, "labels");
        if (!Files.isDirectory(p)) {
            throw new AssertionError("shared label folder missing: " + p.toAbsolutePath());
        }
        return p;
    }

    @Test
    void imagenetPlainList() {
        Labels l = Labels.read(labelsDir().resolve("imagenet_classes.txt"));
        assertEquals(1000, l.size());
        assertEquals("tench", l.get(0));
        assertEquals("great white shark", l.get(2));
        l.checkMatches(1000);
    }

    @Test
    void wordnetLinesUseTheNames() {
        Labels l = Labels.read(labelsDir().resolve("synset_imagenet_wnid_names.txt"));
        assertEquals(1000, l.size());
        assertEquals("tench, Tinca tinca", l.get(0));
        assertEquals(Labels.read(labelsDir().resolve("imagenet_classes.txt")).get(0), l.get(0).split(",")[0]);
        // bare WordNet ids carry no names: they are the labels
        assertEquals("n01440764", Labels.read(labelsDir().resolve("imagenet_synsets.txt")).get(0));
    }

    @Test
    void thousandAndOneWithBackgroundAndMismatchMessages() {
        Labels l = Labels.read(labelsDir().resolve("ImageNetLabels.txt"));
        assertEquals(1001, l.size());
        assertEquals("background", l.get(0));
        assertEquals("tench", l.get(1));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> l.checkMatches(1000));
        assertTrue(e.getMessage().contains("1000") && e.getMessage().contains("1001"), e.getMessage());
        Labels k = Labels.read(labelsDir().resolve("imagenet_classes.txt"));
        e = assertThrows(InvalidInputException.class, () -> k.checkMatches(1001));
        assertTrue(e.getMessage().contains("background"), e.getMessage());
    }

    @Test
    void imagenet21kLemmas() {
        Labels l = Labels.read(labelsDir().resolve("imagenet21k_wordnet_lemmas.txt"));
        assertEquals(21843, l.size());
        assertEquals("organism, being", l.get(0));
        assertEquals(21843, Labels.read(labelsDir().resolve("imagenet21k_goog_synsets.txt")).size());
    }

    @Test
    void textRules() {
        assertEquals(List.of("a", "b"), Labels.parse("\uFEFFa\r\nb\r\n\n", "t").asList());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Labels.parse("a\n\nb\n", "gap.txt"));
        assertTrue(e.getMessage().startsWith("gap.txt: line 2"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> Labels.parse("\n", "empty.txt"));
    }

    @Test
    void metadataFormats() {
        assertEquals(List.of("cat", "dog \"x\""), Labels.fromMetadata(Map.of("labels", "[\"cat\", \"dog \\\"x\\\"\"]")).orElseThrow().asList());
        assertEquals(List.of("cat", "dog"), Labels.fromMetadata(Map.of("Classes", "{\"1\": \"dog\", \"0\": \"cat\"}")).orElseThrow().asList());
        assertEquals(List.of("cat", "dog"), Labels.fromMetadata(Map.of("class_names", "cat\ndog\n")).orElseThrow().asList());
        assertTrue(Labels.fromMetadata(Map.of("author", "x")).isEmpty());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Labels.fromMetadata(Map.of("labels", "{\"0\": \"a\", \"2\": \"c\"}")));
        assertTrue(e.getMessage().contains("1 is missing"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> Labels.fromMetadata(Map.of("labels", "[\"a\", 3]")));
    }
}
