package org.crmsync.workflows.sync;

/**
 * Asks for the synchronization plan of a connection profile.
 *
 * @param mapping plan only this mapping (its direction and counts); null for all of them
 */
public record PlanRequest(String profile, String mapping) {

    public static PlanRequest all(String profile) {
        return new PlanRequest(profile, null);
    }
}
