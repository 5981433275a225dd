package org.crmsync.starter;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.crmsync.workflows.review.ReviewLine;
import org.crmsync.workflows.review.SyncProgress;
import org.crmsync.workflows.review.SyncStatus;
import org.crmsync.workflows.sync.FailureReason;
import org.crmsync.workflows.sync.JobCounters;

/** The full synch. review for a terminal: live lines with progress bars, and the final table. */
public final class ReviewTable {

    private static final int BAR = 28;
    private static final int NOTE_CHARS = 140;
    /** Where a progress line's retry note starts. */
    static final String RETRY_MARK = "  ! ";

    private ReviewTable() {
    }

    /**
     * One line per mapping with a progress bar. {@code live} holds the running counters of lines in
     * process (the review line itself only learns them when the mapping ends); null where unknown.
     * {@code retrying} says, where not null, why a line does not move; it may lag behind a plan that just
     * added the lines.
     */
    public static List<String> progressLines(List<ReviewLine> lines, List<JobCounters> live, List<String> retrying) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            ReviewLine line = lines.get(i);
            JobCounters counters = live.get(i) != null ? live.get(i) : line.counters();
            long total = Math.max(0, line.sourceRecords());
            long done = counters.processed();
            double share = switch (line.status()) {
                case FINISHED, NO_RECORDS -> 1.0;
                case WAITING -> 0.0;
                default -> total == 0 ? 0.0 : Math.min(1.0, (double) done / total);
            };
            int filled = (int) Math.round(share * BAR);
            out.add(String.format(Locale.ROOT, "%-20s %-6s [%s%s] %3d%%  %-10s %,8d/%-8s ins %,d  mod %,d  cpl %,d  skip %,d  fail %,d",
                    line.name(), line.direction().arrow(), "#".repeat(filled), ".".repeat(BAR - filled),
                    Math.round(share * 100), line.status().label(), done,
                    line.sourceRecords() < 0 ? "?" : String.format(Locale.ROOT, "%,d", total), counters.inserted(),
                    counters.modified(), counters.coupled(), counters.skipped(), counters.failed())
                    + (i < retrying.size() && retrying.get(i) != null ? RETRY_MARK + FailureReason.shortened(retrying.get(i), NOTE_CHARS) : ""));
        }
        return out;
    }

    /**
     * Prints a sync's status, its review and what to do next; returns the exit code: 0 when it finished or is
     * still running, 1 when it needs attention or was cancelled.
     */
    public static int report(PrintStream out, String what, SyncProgress progress) {
        out.println(what + ": " + progress.status());
        if (progress.problem() == null) {
            out.print(render(progress.lines()));
        }
        if (progress.status() == SyncStatus.NEEDS_ATTENTION) {
            out.println(whatToFix(progress));
        }
        return progress.status() == SyncStatus.NEEDS_ATTENTION || progress.status() == SyncStatus.CANCELLED ? 1 : 0;
    }

    /** Why a sync that needs attention stopped, and what a user does about it. */
    public static String whatToFix(SyncProgress progress) {
        if (progress.problem() != null) {
            return "The plan failed, so nothing has run yet: " + progress.problem() + System.lineSeparator()
                    + "Fix it, then `crmsync sync resume` plans again (or `crmsync sync cancel`).";
        }
        return "A mapping failed. See why with `crmsync errors`, fix it, then `crmsync sync resume` "
                + "(or `crmsync sync cancel`).";
    }

    /** The review table as Business Central shows it after a full sync. */
    public static String render(List<ReviewLine> lines) {
        StringBuilder table = new StringBuilder();
        String format = "%-20s %-11s %9s %9s %10s %8s %8s %8s %8s  %s%n";
        table.append(String.format(Locale.ROOT, format, "Mapping", "Status", "Inserted", "Modified", "Unchanged",
                "Coupled", "Skipped", "Failed", "Seconds", ""));
        for (ReviewLine line : lines) {
            JobCounters c = line.counters();
            table.append(String.format(Locale.ROOT, format, line.name(), line.status().label(), c.inserted(),
                    c.modified(), c.unchanged(), c.coupled(), c.skipped(), c.failed(), line.seconds(),
                    line.message() == null ? "" : line.message()));
        }
        return table.toString();
    }
}
