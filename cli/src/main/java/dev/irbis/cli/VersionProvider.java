package dev.irbis.cli;

import picocli.CommandLine;

/** The version from the jar's manifest, or "development build" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = IrbisCli.class.getPackage().getImplementationVersion();
        return new String[] {"irbis " + (v == null ? "(development build)" : v),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
