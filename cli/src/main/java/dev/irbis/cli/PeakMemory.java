package dev.irbis.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The process's peak resident set size, from Linux's {@code /proc/self/status} (VmHWM). Unlike the
 * JVM's heap figures it counts native memory too, which is where Irbis keeps weights and tensors.
 */
final class PeakMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private PeakMemory() {
    }

    /** Peak RSS in bytes, or empty where /proc is not available. */
    static OptionalLong bytes() {
        try {
            return parse(Files.readString(STATUS));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The VmHWM line of a status file ("VmHWM:   123456 kB"). */
    static OptionalLong parse(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmHWM:")) {
                String[] parts = line.substring(6).strip().split("\\s+");
                long v = Long.parseLong(parts[0]);
                return OptionalLong.of(parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? v * 1024 : v);
            }
        }
        return OptionalLong.empty();
    }
}
