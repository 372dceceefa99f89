package io.agent4j.examples.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The stdout and stderr of one command, and the spinner that shows on stderr while the model is
 * thought about: {@code ⠹ step 2 · 3.4s}. The spinner is drawn only when {@code spinner} is on
 * (stderr is a terminal), after a short delay so that fast answers do not flicker, with carriage
 * returns and spaces alone (no escape sequences), and is erased before anything else is written to
 * either stream: every write goes through {@link #out()} and {@link #err()}, which erase it first.
 * While the spinner is on, {@link System#err} erases it too, so that a log line (a retry warning)
 * does not land on the spinner's line; {@link #close()} restores it.
 */
final class Screen implements AutoCloseable {

    /** How long the model may take before the spinner appears. */
    static final long DELAY_MILLIS = 250;
    private static final long FRAME_MILLIS = 100;

    private final PrintWriter rawErr;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Style style;
    private final boolean spinner;
    private final Object lock = new Object();

    private boolean waiting;
    private int step;
    private long since;
    private int frame;
    private volatile int drawn;
    private volatile boolean exiting;
    private Thread ticker;
    private Thread eraseOnExit;
    private boolean closed;
    private PrintStream systemErr;

    /**
     * A screen over these writers.
     *
     * @param out stdout
     * @param err stderr
     * @param style the colours and glyphs
     * @param spinner whether to draw the spinner (stderr is a terminal)
     */
    Screen(PrintWriter out, PrintWriter err, Style style, boolean spinner) {
        this.rawErr = err;
        this.style = style;
        this.spinner = spinner;
        this.out = new PrintWriter(new Erasing(out), false);
        this.err = new PrintWriter(new Erasing(err), false);
        if (spinner) {
            PrintStream original = System.err;
            systemErr = original;
            System.setErr(new PrintStream(new OutputStream() {
                @Override
                public void write(int b) {
                    synchronized (lock) {
                        erase();
                        original.write(b);
                    }
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    synchronized (lock) {
                        erase();
                        original.write(bytes, offset, length);
                    }
                }

                @Override
                public void flush() {
                    original.flush();
                }
            }, true));
        }
    }

    /** A plain screen: no spinner, no colours. */
    static Screen plain(PrintWriter out, PrintWriter err) {
        return new Screen(out, err, Style.PLAIN, false);
    }

    /** Stdout; writing to it erases the spinner first. Flush it to show what was written. */
    PrintWriter out() {
        return out;
    }

    /** Stderr; writing to it erases the spinner first. Flush it to show what was written. */
    PrintWriter err() {
        return err;
    }

    Style style() {
        return style;
    }

    /** Whether the spinner is drawn. */
    boolean spinner() {
        return spinner;
    }

    /** The model was asked for {@code step}: show the spinner until {@link #stopWaiting()}. */
    void waiting(int step) {
        if (!spinner) {
            return;
        }
        synchronized (lock) {
            if (closed) {
                return;
            }
            this.waiting = true;
            this.step = step;
            this.since = System.nanoTime();
            if (ticker == null) {
                startTicker();
            }
        }
    }

    /** The model's answer is arriving (or the run ended): erase the spinner. */
    void stopWaiting() {
        if (!spinner) {
            return;
        }
        synchronized (lock) {
            waiting = false;
            erase();
        }
    }

    /** Stops and erases the spinner, and flushes both streams. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            waiting = false;
            erase();
            if (ticker != null) {
                ticker.interrupt();
            }
            if (systemErr != null) {
                System.setErr(systemErr);
                systemErr = null;
            }
        }
        if (eraseOnExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(eraseOnExit);
            } catch (IllegalStateException e) {
                // the JVM is shutting down; the hook erases the spinner
            }
        }
        out.flush();
        err.flush();
    }

    private void startTicker() {
        ticker = new Thread(this::tick, "agent4j-spinner");
        ticker.setDaemon(true);
        ticker.start();
        // Ctrl-C ends the JVM without unwinding: erase the spinner on the way out, without waiting for
        // the lock, which a thread blocked writing to a full pipe may hold
        eraseOnExit = new Thread(() -> {
            exiting = true;
            int width = drawn;
            if (width > 0) {
                rawErr.print("\r" + " ".repeat(width) + "\r");
                rawErr.flush();
            }
        }, "agent4j-spinner-erase");
        try {
            Runtime.getRuntime().addShutdownHook(eraseOnExit);
        } catch (IllegalStateException e) {
            eraseOnExit = null;
        }
    }

    private void tick() {
        String[] frames = style.frames();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                TimeUnit.MILLISECONDS.sleep(FRAME_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (lock) {
                if (closed || exiting) {
                    return;
                }
                long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
                if (!waiting || elapsed < DELAY_MILLIS) {
                    continue;
                }
                String text = frames[frame++ % frames.length] + " step " + step + " " + style.dot() + " "
                        + elapsed(elapsed);
                int padding = Math.max(0, drawn - text.length());
                rawErr.print("\r" + style.dim(text) + " ".repeat(padding));
                rawErr.flush();
                drawn = text.length() + padding;
            }
        }
    }

    /** Elapsed time as people read it: {@code 3.4s}, {@code 1m 05s}. */
    static String elapsed(long millis) {
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long seconds = millis / 1000;
        return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
    }

    /** Erases the spinner if it is drawn; callers hold the lock. */
    private void erase() {
        if (drawn > 0) {
            rawErr.print("\r" + " ".repeat(drawn) + "\r");
            rawErr.flush();
            drawn = 0;
        }
    }

    /** A writer that erases the spinner before it writes. */
    private final class Erasing extends Writer {

        private final PrintWriter target;

        Erasing(PrintWriter target) {
            this.target = target;
        }

        @Override
        public void write(char[] buffer, int offset, int length) {
            synchronized (lock) {
                erase();
                target.write(buffer, offset, length);
            }
        }

        @Override
        public void write(String text, int offset, int length) {
            synchronized (lock) {
                erase();
                target.write(text, offset, length);
            }
        }

        @Override
        public void flush() {
            target.flush();
        }

        @Override
        public void close() throws IOException {
            target.flush();
        }
    }
}
