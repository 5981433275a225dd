package org.crmsync.workflows.review;

import java.util.List;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.plan.MappingPlan;
import org.crmsync.workflows.plan.Recommendation;
import org.crmsync.workflows.sync.JobCounters;

/**
 * A line of the full synch. review: one mapping, its dependencies and how far it got.
 *
 * @param attempt         how many times the line was started (a resume starts it again)
 * @param childWorkflowId the table sync running or last run for this line; null before the first start
 * @param message         why the line is in error or blocked; null otherwise
 * @param startedAt       workflow time in epoch milliseconds; 0 before the first start
 * @param finishedAt      workflow time in epoch milliseconds; 0 until the line ends
 */
public record ReviewLine(
        String name,
        Direction direction,
        List<String> dependsOn,
        Recommendation recommendation,
        long sourceRecords,
        LineStatus status,
        String jobId,
        int attempt,
        String childWorkflowId,
        JobCounters counters,
        String message,
        long startedAt,
        long finishedAt) {

    public ReviewLine {
        dependsOn = List.copyOf(dependsOn);
    }

    /** A new line; in a full sync a mapping with records on neither side is not run. */
    static ReviewLine of(MappingPlan plan, String jobId, boolean fullSync) {
        LineStatus status = fullSync && plan.recommendation() == Recommendation.NO_RECORDS_FOUND
                ? LineStatus.NO_RECORDS : LineStatus.WAITING;
        return new ReviewLine(plan.name(), plan.direction(), plan.dependsOn(), plan.recommendation(),
                plan.sourceRecords(), status, jobId, 0, null, JobCounters.ZERO, null, 0, 0);
    }

    ReviewLine started(String childId, long now) {
        return new ReviewLine(name, direction, dependsOn, recommendation, sourceRecords, LineStatus.IN_PROCESS,
                jobId, attempt + 1, childId, counters, null, now, 0);
    }

    ReviewLine finished(JobCounters result, long now) {
        return new ReviewLine(name, direction, dependsOn, recommendation, sourceRecords, LineStatus.FINISHED,
                jobId, attempt, childWorkflowId, result, null, startedAt, now);
    }

    ReviewLine failed(String why, long now) {
        return new ReviewLine(name, direction, dependsOn, recommendation, sourceRecords, LineStatus.ERROR,
                jobId, attempt, childWorkflowId, counters, why, startedAt, now);
    }

    ReviewLine blocked(String why) {
        return new ReviewLine(name, direction, dependsOn, recommendation, sourceRecords, LineStatus.BLOCKED,
                jobId, attempt, childWorkflowId, counters, why, startedAt, finishedAt);
    }

    ReviewLine waiting() {
        return new ReviewLine(name, direction, dependsOn, recommendation, sourceRecords, LineStatus.WAITING,
                jobId, attempt, childWorkflowId, counters, null, startedAt, 0);
    }

    /** Seconds between start and end, or 0 while the line has not ended. */
    public long seconds() {
        return finishedAt == 0 ? 0 : Math.max(0, (finishedAt - startedAt) / 1000);
    }
}
