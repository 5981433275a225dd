package org.crmsync.workflows.sync;

/**
 * Asks for the records that failed, skipped ones included (BC's Coupled Data Synchronization Errors).
 *
 * @param mapping one mapping, or null for every mapping of the profile
 */
public record FailuresRequest(String profile, String mapping) {
}
