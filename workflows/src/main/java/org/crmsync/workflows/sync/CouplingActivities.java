package org.crmsync.workflows.sync;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * The coupling tools of bc-integration.md §7 on single records: couple by hand, uncouple, synchronize now,
 * and the failed and skipped records with their retry. Coupling fails with
 * {@link SyncActivities#COUPLING_REFUSED} when asked for what cannot be.
 */
@ActivityInterface
public interface CouplingActivities {

    /** Synchronizes chosen records now; the mapping's watermark stays where it is. */
    @ActivityMethod
    JobCounters synchronize(SynchronizeRequest request);

    /** Couples a BC record with a Dataverse row and synchronizes the pair; refused if either is coupled. */
    @ActivityMethod
    JobCounters couple(CoupleRequest request);

    /** Removes couplings; returns how many there were. */
    @ActivityMethod
    int uncouple(UncoupleRequest request);

    /** The mapping's failed records in both directions, by source key. */
    @ActivityMethod
    List<RecordFailureView> failures(FailuresRequest request);

    /** Lets the next jobs retry the mapping's skipped records; returns how many there were. */
    @ActivityMethod
    int retrySkipped(RetrySkippedRequest request);
}
