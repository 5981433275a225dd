package org.crmsync.workflows.sync;

/** Asks for the full synchronization plan of a connection profile. */
public record PlanRequest(String profile) {
}
