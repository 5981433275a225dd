package org.crmsync.workflows.fullsync;

/**
 * Starts a full synchronization of a connection profile. Carries a profile name, never a secret.
 *
 * @param maxParallel how many mappings may run at once (architecture §3: default 4)
 */
public record FullSyncRequest(String profile, int maxParallel) {

    public static final int DEFAULT_PARALLELISM = 4;

    public static FullSyncRequest of(String profile) {
        return new FullSyncRequest(profile, DEFAULT_PARALLELISM);
    }
}
