package org.crmsync.starter;

import java.time.Duration;
import java.util.List;
import org.crmsync.workflows.review.LineStatus;
import org.crmsync.workflows.review.ReviewLine;
import org.crmsync.workflows.sync.JobCounters;

/**
 * An estimate of the time a sync has left: the records still to read (the planned source records of the
 * lines not finished, less what running lines did) at the rate the sync has kept since it started.
 */
final class TimeLeft {

    private TimeLeft() {
    }

    static String describe(List<ReviewLine> lines, List<JobCounters> live, long nowMillis) {
        long startedAt = Long.MAX_VALUE;
        long processed = 0;
        long remaining = 0;
        for (int i = 0; i < lines.size(); i++) {
            ReviewLine line = lines.get(i);
            JobCounters counters = live.get(i) != null ? live.get(i) : line.counters();
            if (line.startedAt() > 0) {
                startedAt = Math.min(startedAt, line.startedAt());
            }
            if (line.status() == LineStatus.FINISHED || line.status() == LineStatus.IN_PROCESS) {
                processed += counters.processed();
            }
            if (line.status() == LineStatus.WAITING || line.status() == LineStatus.IN_PROCESS
                    || line.status() == LineStatus.BLOCKED) {
                remaining += Math.max(0, line.sourceRecords() - (line.status() == LineStatus.IN_PROCESS
                        ? counters.processed() : 0));
            }
        }
        if (remaining == 0) {
            return "";
        }
        long elapsed = nowMillis - startedAt;
        if (startedAt == Long.MAX_VALUE || processed == 0 || elapsed <= 0) {
            return "estimating the time left…";
        }
        double perSecond = processed * 1000.0 / elapsed;
        return String.format(java.util.Locale.ROOT, "%,.0f records/s, about %s left", perSecond,
                format(Duration.ofSeconds(Math.round(remaining / perSecond))));
    }

    static String format(Duration left) {
        if (left.toHours() > 0) {
            return left.toHours() + " h" + (left.toMinutesPart() == 0 ? "" : " " + left.toMinutesPart() + " min");
        }
        if (left.toMinutes() > 0) {
            return left.toMinutes() + " min" + (left.toSecondsPart() == 0 ? "" : " " + left.toSecondsPart() + " s");
        }
        return Math.max(1, left.toSeconds()) + " s";
    }
}
