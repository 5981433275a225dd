package org.crmsync.workflows.review;

import java.util.List;

/** The synch. review as it stands now. */
public record SyncProgress(SyncStatus status, List<ReviewLine> lines) {

    public SyncProgress {
        lines = List.copyOf(lines);
    }
}
