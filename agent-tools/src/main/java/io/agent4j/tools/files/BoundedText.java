package io.agent4j.tools.files;

/**
 * A line as a regular expression sees it, whose every character read costs one step of a budget.
 * {@code java.util.regex} never checks interruption and can backtrack for hours on a short line
 * ({@code (.*)*\1#}); it reads the text only through {@link #charAt}, so that is where the work is
 * stopped: past the budget, or once the thread is interrupted (the call was cancelled or timed out).
 */
final class BoundedText implements CharSequence {

    /** Thrown out of the matcher when the budget is spent or the thread interrupted. */
    static final class Stopped extends RuntimeException {

        private final boolean interrupted;

        Stopped(boolean interrupted) {
            super(null, null, false, false);
            this.interrupted = interrupted;
        }

        /** Whether the thread was interrupted, rather than the budget spent. */
        boolean interrupted() {
            return interrupted;
        }
    }

    private static final int INTERRUPT_CHECK_MASK = 1023;

    private final String text;
    private final int offset;
    private final int length;
    private final long[] steps;
    private final long budget;

    BoundedText(String text, long budget) {
        this(text, 0, text.length(), new long[1], budget);
    }

    private BoundedText(String text, int offset, int length, long[] steps, long budget) {
        this.text = text;
        this.offset = offset;
        this.length = length;
        this.steps = steps;
        this.budget = budget;
    }

    @Override
    public char charAt(int index) {
        long spent = ++steps[0];
        if (spent > budget) {
            throw new Stopped(false);
        }
        if ((spent & INTERRUPT_CHECK_MASK) == 0 && Thread.currentThread().isInterrupted()) {
            throw new Stopped(true);
        }
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        return text.charAt(offset + index);
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        if (start < 0 || end > length || start > end) {
            throw new IndexOutOfBoundsException("[" + start + ", " + end + ") of " + length);
        }
        return new BoundedText(text, offset + start, end - start, steps, budget);
    }

    @Override
    public String toString() {
        return text.substring(offset, offset + length);
    }
}
