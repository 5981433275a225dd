package org.crmsync.workflows.sync;

/** Asks for the records of a mapping that failed, skipped ones included (BC's Coupled Data Synchronization Errors). */
public record FailuresRequest(String profile, String mapping) {
}
