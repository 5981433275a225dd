package org.crmsync.workflows.sync;

import org.crmsync.workflows.plan.Direction;

/**
 * Couples one BC record with one Dataverse row by hand and synchronizes the pair at once (bc-integration.md
 * §7, Set Up Coupling).
 *
 * @param direction which side's values the pair takes: {@link Direction#TO_INTEGRATION_TABLE} writes the BC
 *                  record's to Dataverse, {@link Direction#FROM_INTEGRATION_TABLE} the other way
 * @param jobId     the job that synchronizes the pair; the same id makes a retried call do nothing twice
 */
public record CoupleRequest(String profile, String mapping, String bcId, String crmId, Direction direction,
                            String jobId) {
}
