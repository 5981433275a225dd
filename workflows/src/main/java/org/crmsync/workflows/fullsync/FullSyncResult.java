package org.crmsync.workflows.fullsync;

import java.util.List;

/** The final review of a full synchronization. */
public record FullSyncResult(FullSyncStatus status, List<ReviewLine> lines) {

    public FullSyncResult {
        lines = List.copyOf(lines);
    }
}
