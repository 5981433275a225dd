package org.crmsync.workflows.review;

import java.util.List;

/** The final review of a full or incremental synchronization. */
public record SyncResult(SyncStatus status, List<ReviewLine> lines) {

    public SyncResult {
        lines = List.copyOf(lines);
    }
}
