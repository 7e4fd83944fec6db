package dev.irbis.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles every ```java block of README.md against the test class path, so the library examples stay
 * true. A block's {@code import} lines are kept; the rest becomes the body of a method that may throw,
 * in a class that also imports the public API packages (so later blocks need not repeat them).
 */
class ReadmeExamplesTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("(?ms)^```java\\n(.*?)^```");
    private static final List<String> DEFAULT_IMPORTS = List.of("java.nio.file.*", "java.util.*", "dev.irbis.engine.api.*",
            "dev.irbis.engine.tensor.*", "dev.irbis.loader.*");

    @TempDir
    Path out;

    @Test
    void javaBlocksCompile() throws IOException {
        Path readme = Path.of("..", "README.md");
        assertTrue(Files.isRegularFile(readme), "README.md not found at " + readme.toAbsolutePath());
        String text = Files.readString(readme);
        List<JavaFileObject> sources = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(text);
        while (m.find()) {
            int line = (int) text.substring(0, m.start()).lines().count() + 1;
            sources.add(source("ReadmeExample" + sources.size(), line, m.group(1)));
        }
        assertTrue(sources.size() >= 3, "README.md should hold library examples; found " + sources.size() + " java blocks");

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
            List<String> options = List.of("-classpath", classPath(), "-d", out.toString(), "-proc:none",
                    "--add-modules", "jdk.incubator.vector", "-Xlint:none", "-nowarn");
            boolean ok = javac.getTask(null, files, diagnostics, options, null, sources).call();
            StringBuilder report = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    report.append(d.getSource() == null ? "" : d.getSource().getName()).append(':').append(d.getLineNumber())
                            .append(": ").append(d.getMessage(null)).append('\n');
                }
            }
            assertTrue(ok, () -> "README.md examples do not compile:\n" + report);
        }
    }

    /** Surefire runs tests from a manifest-only jar; it names the real class path in this property. */
    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    private static JavaFileObject source(String className, int readmeLine, String block) {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String l : block.split("\n", -1)) {
            if (l.startsWith("import ")) {
                imports.append(l).append('\n');
            } else {
                body.append("        ").append(l).append('\n');
            }
        }
        for (String i : DEFAULT_IMPORTS) {
            imports.append("import ").append(i).append(";\n");
        }
        String code = imports + "\n/** README.md, the java block at line " + readmeLine + ". */\nclass " + className + " {\n"
                + "    static void example() throws Exception {\n" + body + "    }\n}\n";
        return new SimpleJavaFileObject(URI.create("string:///" + className + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }

            @Override
            public String getName() {
                return className + ".java (README.md line " + readmeLine + ")";
            }
        };
    }

    @Test
    void classPathIsUsable() {
        assertTrue(classPath().contains("irbis-engine") || classPath().contains("engine" + File.separator + "target"), classPath());
    }
}
