package org.crmsync.workflows.sync;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import org.crmsync.workflows.plan.SyncPlan;

/** Activities that read and write the two systems and the integration store for a sync. */
@ActivityInterface
public interface SyncActivities {

    /** Failure type of a bad or missing credential: retrying cannot help, a setting must change. */
    String AUTHENTICATION_FAILURE = "AuthenticationFailure";
    /** Failure type of a profile or mapping that cannot work as configured. */
    String CONFIGURATION_FAILURE = "ConfigurationFailure";
    /** Failure type of a read whose answer stayed unreadable: the service or a proxy misbehaves. */
    String MALFORMED_RESPONSE = "MalformedResponse";
    /** Failure type of a coupling asked for that cannot be made: a record is coupled already, or missing. */
    String COUPLING_REFUSED = "CouplingRefused";

    /** The enabled mappings with their dependency filters and a recommendation each. */
    @ActivityMethod
    SyncPlan plan(PlanRequest request);

    /**
     * Synchronizes the next pages of one mapping in one direction, committing couplings, counters and
     * per-record errors page by page and heartbeating the cursor.
     */
    @ActivityMethod
    SyncChunkResult syncChunk(SyncChunkRequest request);

    /**
     * Writes to Dataverse the inventory of the coupled items whose ledger has new entries since the last refresh
     * (of every coupled item, the first time): the plan's {@link SyncPlan#ITEM_AVAILABILITY} line. Heartbeats
     * after each page read and each batch written.
     */
    @ActivityMethod
    JobCounters refreshItemAvailability(ItemAvailabilityRequest request);
}
