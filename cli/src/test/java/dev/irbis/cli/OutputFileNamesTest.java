package dev.irbis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputFileNamesTest {
    @Test
    void replacesUnsafeCharactersAndLeadingDots() {
        assertEquals("resnetv17_dense0_fwd", OutputFileNames.sanitise("resnetv17_dense0_fwd"));
        assertEquals("out_relu_0", OutputFileNames.sanitise("out/relu:0"));
        assertEquals("_._etc_passwd", OutputFileNames.sanitise("../etc/passwd"));
        assertEquals("_hidden", OutputFileNames.sanitise(".hidden"));
        assertEquals("output", OutputFileNames.sanitise(""));
        assertEquals("_____", OutputFileNames.sanitise("é €\\\n"));
        assertEquals(200, OutputFileNames.sanitise("x".repeat(1000)).length());
    }

    @Test
    void collisionsGetNumberedIgnoringCase() {
        Map<String, String> files = OutputFileNames.assign(List.of("a/b", "a:b", "A_B", "c"));
        assertEquals(List.of("a_b.npy", "a_b_2.npy", "A_B_3.npy", "c.npy"), List.copyOf(files.values()));
    }
}
