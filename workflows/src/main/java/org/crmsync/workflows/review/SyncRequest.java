package org.crmsync.workflows.review;

/**
 * Starts a full or incremental synchronization of a connection profile. Carries a profile name, never a secret.
 *
 * @param maxParallel how many mappings may run at once (architecture §3: default 4)
 */
public record SyncRequest(String profile, int maxParallel) {

    public static final int DEFAULT_PARALLELISM = 4;

    public static SyncRequest of(String profile) {
        return new SyncRequest(profile, DEFAULT_PARALLELISM);
    }
}
