package org.crmsync.activities.store;

import java.time.Instant;
import java.util.List;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.sync.JobCounters;

/**
 * Everything one page changed, committed at once.
 *
 * @param pagesBefore   the job's page count this page was read after; the commit is refused if another
 *                      attempt committed a page meanwhile, so counters never count a page twice
 * @param phase         the phase the next page belongs to
 * @param nextCursor    where the next page starts within {@code phase}; null at its start
 * @param done          nothing is left to read: the job finishes and its watermark is committed
 * @param newCouplings  couplings made on this page, inserted
 * @param couplings     couplings there already, stamped again; all are stamped Success in this direction
 * @param uncoupled     BC ids whose couplings are removed
 * @param succeeded     source ids that failed before and are synchronized now, or gone: their failures are cleared
 * @param maxModifiedOn the latest source modified-on on the page; null for an empty page
 */
public record PageCommit(String jobId, Direction direction, int pagesBefore, JobPhase phase, String nextCursor,
                         boolean done, List<Coupling> newCouplings, List<Coupling> couplings, List<String> uncoupled,
                         List<String> succeeded,
                         JobCounters counters, List<RecordError> errors, Instant maxModifiedOn) {

    public PageCommit {
        newCouplings = List.copyOf(newCouplings);
        couplings = List.copyOf(couplings);
        uncoupled = List.copyOf(uncoupled);
        succeeded = List.copyOf(succeeded);
        errors = List.copyOf(errors);
    }
}
