package org.crmsync.workflows.review;

import java.util.List;

/**
 * The final review of a full or incremental synchronization.
 *
 * @param problem why the sync could not plan its mappings, when it was cancelled before it could; null otherwise
 */
public record SyncResult(SyncStatus status, List<ReviewLine> lines, String problem) {

    public SyncResult {
        lines = List.copyOf(lines);
    }
}
