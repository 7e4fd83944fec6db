package dev.irbis.cli;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Whether stderr is a terminal. Java only answers this for stdin and stdout together
 * ({@code Console.isTerminal}), so this asks the C library's {@code isatty(2)}; where that is not
 * available the answer is no, and progress bars stay off.
 */
final class Terminal {
    private Terminal() {
    }

    static boolean isStderrTerminal() {
        try {
            Linker linker = Linker.nativeLinker();
            MethodHandle isatty = linker.downcallHandle(linker.defaultLookup().find("isatty").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            return (int) isatty.invokeExact(2) == 1;
        } catch (Throwable e) {
            return false;
        }
    }
}
