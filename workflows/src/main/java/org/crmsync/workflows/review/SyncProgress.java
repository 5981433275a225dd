package org.crmsync.workflows.review;

import java.util.List;

/**
 * The synch. review as it stands now.
 *
 * @param problem why the sync could not plan its mappings (then it has no lines yet and needs attention); null
 *                otherwise
 */
public record SyncProgress(SyncStatus status, List<ReviewLine> lines, String problem) {

    public SyncProgress {
        lines = List.copyOf(lines);
    }
}
