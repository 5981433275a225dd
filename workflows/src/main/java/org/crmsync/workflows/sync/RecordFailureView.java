package org.crmsync.workflows.sync;

import org.crmsync.workflows.plan.Direction;

/**
 * A record whose last synchronization in one direction failed, as a user sees it.
 *
 * @param mapping   the integration table mapping it failed in
 * @param sourceKey the business key: a customer number, an e-mail
 * @param skipped   the same error twice: no job retries it until a user does
 */
public record RecordFailureView(String mapping, Direction direction, String sourceKey, String sourceId, String destinationId,
                                String message, boolean skipped) {
}
