package org.crmsync.workflows.sync;

/**
 * Refreshes the inventory of a profile's coupled items in Dataverse (the item availability option).
 *
 * @param jobId the review line's job: a product that refuses the write is a failure of its item under it
 */
public record ItemAvailabilityRequest(String profile, String jobId) {
}
