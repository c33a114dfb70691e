package io.tokenledger.cli.command;

import java.io.PrintStream;

/**
 * One line of progress on stderr: events, percent, events/s and ETA. On a terminal it redraws in place (at most
 * every 100 ms); otherwise (CI logs, pipes) it prints a line every 10 %.
 */
public final class ProgressBar {

    private static final int WIDTH = 30;
    private final long total;
    private final PrintStream out;
    private final boolean tty;
    private final long startNanos = System.nanoTime();
    private long lastDrawNanos;
    private int lastDecile = -1;

    public ProgressBar(long total, PrintStream out, boolean tty) {
        this.total = Math.max(total, 1);
        this.out = out;
        this.tty = tty;
    }

    public synchronized void update(long done) {
        long now = System.nanoTime();
        int decile = (int) (done * 10 / total);
        if (tty) {
            if (now - lastDrawNanos < 100_000_000L && done < total) {
                return;
            }
            lastDrawNanos = now;
            out.print("\r" + line(done, now));
            if (done >= total) {
                out.println();
            }
            out.flush();
        } else if (decile != lastDecile) {
            lastDecile = decile;
            out.println(line(done, now));
        }
    }

    String line(long done, long now) {
        double seconds = Math.max((now - startNanos) / 1e9, 1e-3);
        double rate = done / seconds;
        int filled = (int) (WIDTH * done / total);
        String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
        String eta = rate > 0 && done < total ? String.format("ETA %3.0fs", (total - done) / rate) : "done    ";
        return String.format("[%s] %,7d/%,d events %3d%%  %,8.0f events/s  %s", bar, done, total,
                done * 100 / total, rate, eta);
    }

    public static boolean stderrIsTerminal() {
        return System.console() != null;
    }
}
