package org.crmsync.workflows.sync;

/** Lets the next jobs retry a mapping's skipped records (BC's Retry All). */
public record RetrySkippedRequest(String profile, String mapping) {
}
