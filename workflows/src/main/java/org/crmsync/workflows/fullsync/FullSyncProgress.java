package org.crmsync.workflows.fullsync;

import java.util.List;

/** The full synch. review as it stands now. */
public record FullSyncProgress(FullSyncStatus status, List<ReviewLine> lines) {

    public FullSyncProgress {
        lines = List.copyOf(lines);
    }
}
