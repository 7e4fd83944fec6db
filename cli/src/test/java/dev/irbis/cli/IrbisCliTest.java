package dev.irbis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IrbisCliTest {
    @Test
    void helpListsCommandsAndExitCodes() {
        CliRunner.Result r = CliRunner.run("--help");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("run") && r.out().contains("info"), r::toString);
        assertTrue(r.out().contains("Exit codes") && r.out().contains("bad or unsupported model"), r::toString);
    }

    @Test
    void versionPrintsSomething() {
        CliRunner.Result r = CliRunner.run("--version");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith("irbis "), r::toString);
    }

    @Test
    void noCommandOrAnUnknownOneIsAUsageError() {
        CliRunner.Result r = CliRunner.run();
        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("missing command"), r::toString);
        r = CliRunner.run("rnu");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("rnu"), r::toString);
    }
}
