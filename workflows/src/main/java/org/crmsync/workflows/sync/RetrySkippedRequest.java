package org.crmsync.workflows.sync;

/**
 * Lets the next jobs retry skipped records (BC's Retry All).
 *
 * @param mapping one mapping, or null for every mapping of the profile
 */
public record RetrySkippedRequest(String profile, String mapping) {
}
