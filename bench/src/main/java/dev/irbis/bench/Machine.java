package dev.irbis.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine a run was measured on, for the header of the result file. */
public record Machine(String host, String cpu, int cores, String memory, String jdk, String os) {

    public static Machine detect() {
        String cpu = procField("/proc/cpuinfo", "model name");
        String mem = procField("/proc/meminfo", "MemTotal");
        if (mem != null && mem.endsWith(" kB")) {
            mem = String.format("%.1f GiB", Long.parseLong(mem.substring(0, mem.length() - 3).trim()) / 1048576.0);
        }
        String jdk = System.getProperty("java.vm.name") + " " + Runtime.version();
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
        return new Machine(hostName(), cpu == null ? "unknown" : cpu, Runtime.getRuntime().availableProcessors(),
                mem == null ? "unknown" : mem, jdk, os);
    }

    /** The value after {@code field:} on the first line that has it, or null. */
    static String procField(String file, String field) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(field)) {
                    return line.substring(colon + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or unreadable: the header says "unknown".
        }
        return null;
    }

    static String hostName() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = Files.readString(Path.of("/etc/hostname")).trim();
            } catch (IOException e) {
                h = "";
            }
        }
        if (h.isBlank()) {
            try {
                h = java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                h = "unknown-host";
            }
        }
        return h.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    List<String> describe() {
        return List.of("CPU: " + cpu, "Cores (available to the JVM): " + cores, "Memory: " + memory, "JDK: " + jdk, "OS: " + os);
    }
}
