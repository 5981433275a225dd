package org.crmsync.activities.store;

import java.util.List;
import org.crmsync.workflows.sync.JobCounters;

/**
 * Everything one page changed, committed at once.
 *
 * @param pagesBefore the job's page count this page was read after; the commit is refused if another
 *                    attempt committed a page meanwhile, so counters never count a page twice
 * @param nextCursor  where the next page starts; null when the source is exhausted
 */
public record PageCommit(String jobId, String direction, int pagesBefore, String nextCursor,
                         List<Coupling> couplings, JobCounters counters, List<RecordError> errors) {

    public PageCommit {
        couplings = List.copyOf(couplings);
        errors = List.copyOf(errors);
    }
}
