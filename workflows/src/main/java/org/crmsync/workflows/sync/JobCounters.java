package org.crmsync.workflows.sync;

/** The counters of an integration synch. job, as Business Central keeps them (bc-integration.md §4). */
public record JobCounters(
        long inserted,
        long modified,
        long deleted,
        long unchanged,
        long skipped,
        long failed,
        long coupled,
        long uncoupled) {

    public static final JobCounters ZERO = new JobCounters(0, 0, 0, 0, 0, 0, 0, 0);

    public JobCounters plus(JobCounters other) {
        return new JobCounters(
                inserted + other.inserted,
                modified + other.modified,
                deleted + other.deleted,
                unchanged + other.unchanged,
                skipped + other.skipped,
                failed + other.failed,
                coupled + other.coupled,
                uncoupled + other.uncoupled);
    }

    /** Source records this job has dealt with, whatever the outcome. */
    public long processed() {
        return inserted + modified + deleted + unchanged + skipped + failed + coupled + uncoupled;
    }
}
