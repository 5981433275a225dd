package org.crmsync.workflows.records;

import java.util.List;
import org.crmsync.workflows.sync.JobCounters;
import org.crmsync.workflows.sync.RecordFailureView;

/**
 * What a coupling tool did.
 *
 * @param failures   the failed records: all of them when listing, those that still fail after a retry
 * @param counters   what synchronizing did: the retried records, or the pair just coupled
 * @param released   skipped records a retry released, or couplings an uncouple removed
 */
public record RecordToolsResult(List<RecordFailureView> failures, JobCounters counters, int released) {

    public RecordToolsResult {
        failures = List.copyOf(failures);
    }
}
