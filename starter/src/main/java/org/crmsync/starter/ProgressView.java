package org.crmsync.starter;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.crmsync.workflows.review.ReviewLine;
import org.crmsync.workflows.sync.JobCounters;

/**
 * Live progress in the terminal: on a console the lines are redrawn in place, with an estimate of the time
 * left below them; when the output is a file or a pipe, a line is printed only when its status changes, so
 * logs stay readable.
 */
public final class ProgressView {

    private final PrintStream out;
    private final boolean redraw;
    private List<String> shown = List.of();

    public ProgressView(PrintStream out, boolean redraw) {
        this.out = out;
        this.redraw = redraw;
    }

    /**
     * @param retrying  per line, why it does not move, or null
     * @param nowMillis the wall clock, for the estimate
     */
    public void show(List<ReviewLine> lines, List<JobCounters> live, List<String> retrying, long nowMillis) {
        List<String> now = new ArrayList<>(ReviewTable.progressLines(lines, live, retrying));
        if (redraw) {
            now.add(TimeLeft.describe(lines, live, nowMillis));
            if (!shown.isEmpty()) {
                out.print("\033[" + shown.size() + "A");
            }
            now.forEach(line -> out.print("\r" + line + "\033[K\n"));
        } else {
            for (int i = 0; i < now.size(); i++) {
                if (i >= shown.size() || !statusOf(shown.get(i)).equals(statusOf(now.get(i)))) {
                    out.println(now.get(i));
                }
            }
        }
        out.flush();
        shown = now;
    }

    /** The part of a progress line before the counts, and a retry note, which change only when the status does. */
    private static String statusOf(String line) {
        int percent = line.indexOf('%');
        int note = line.indexOf(ReviewTable.RETRY_MARK);
        return percent < 0 ? line : line.substring(0, 12) + line.substring(percent, Math.min(line.length(), percent + 13))
                + (note < 0 ? "" : line.substring(note, Math.min(line.length(), note + 30)));
    }
}
