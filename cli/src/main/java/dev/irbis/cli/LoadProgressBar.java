package dev.irbis.cli;

import dev.irbis.loader.LoadProgress;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * A one-line progress bar on stderr while a model loads. Nothing is drawn during the first second
 * (small models load faster than a bar could be read), and redraws are at most ten a second. The
 * line is redrawn in place with '\r' and ended by {@link #finish}.
 */
final class LoadProgressBar implements LoadProgress {
    private static final long DELAY_NANOS = 1_000_000_000L;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String name;
    private final long start = System.nanoTime();
    private final long delay;
    private long lastDraw;
    private boolean drawn;

    private LoadProgressBar(PrintWriter err, Path model, long delayNanos) {
        this.err = err;
        this.name = model.getFileName() == null ? model.toString() : model.getFileName().toString();
        this.delay = delayNanos;
    }

    /**
     * The listener for a command: a bar when {@code forced} ({@code --progress}) or when stderr is a
     * terminal, else {@link LoadProgress#NONE} so that the loader does no bookkeeping at all.
     */
    static LoadProgress forCommand(PrintWriter err, Path model, boolean forced) {
        if (forced) {
            return new LoadProgressBar(err, model, 0);
        }
        return Terminal.isStderrTerminal() ? new LoadProgressBar(err, model, DELAY_NANOS) : LoadProgress.NONE;
    }

    @Override
    public void weightsRead(int tensorsDone, int tensorsTotal, long bytesDone, long bytesTotal) {
        long now = System.nanoTime();
        if (now - start < delay || (drawn && now - lastDraw < REDRAW_NANOS && tensorsDone < tensorsTotal)) {
            return;
        }
        double f = bytesTotal > 0 ? Math.min(1, (double) bytesDone / bytesTotal) : tensorsTotal > 0 ? (double) tensorsDone / tensorsTotal : 1;
        int filled = (int) Math.round(f * WIDTH);
        draw(String.format("loading %s [%s%s] %3d%%  %s / %sB  %d/%d tensors  %.1f s", name, "#".repeat(filled),
                ".".repeat(WIDTH - filled), Math.round(f * 100), Quantity.format(bytesDone).strip(),
                Quantity.format(bytesTotal), tensorsDone, tensorsTotal, (now - start) / 1e9), now);
    }

    @Override
    public void compiling() {
        long now = System.nanoTime();
        if (drawn || now - start >= delay) {
            draw(String.format("loading %s: weights read in %.1f s, compiling...", name, (now - start) / 1e9), now);
        }
    }

    private void draw(String line, long now) {
        // Pad so that a shorter line wipes out the end of the previous one.
        err.print("\r" + line + "    ");
        err.flush();
        drawn = true;
        lastDraw = now;
    }

    /** Ends the bar's line, if one was drawn: with the load time when it {@code succeeded}, else bare (an error follows). */
    void finish(boolean succeeded) {
        if (drawn) {
            if (succeeded) {
                err.println(String.format("\rloaded %s in %.1f s%s", name, (System.nanoTime() - start) / 1e9, " ".repeat(40)));
            } else {
                err.println();
            }
            err.flush();
        }
    }

    /** Ends the line of a listener {@link #forCommand} returned, whatever it is. */
    static void finish(LoadProgress p, boolean succeeded) {
        if (p instanceof LoadProgressBar bar) {
            bar.finish(succeeded);
        }
    }
}
