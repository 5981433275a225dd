package org.crmsync.workflows.sync;

import java.util.List;
import org.crmsync.workflows.plan.Direction;

/**
 * Synchronizes chosen records now, coupled or not, in a job of their own (BC's Synchronize Now).
 *
 * @param direction a one-way direction: the records are of its source
 * @param sourceIds BC ids going to Dataverse, Dataverse ids coming from it
 */
public record SynchronizeRequest(String profile, String mapping, Direction direction, String jobId,
                                 List<String> sourceIds) {
}
