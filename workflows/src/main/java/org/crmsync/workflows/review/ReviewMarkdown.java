package org.crmsync.workflows.review;

import java.util.Collection;

/** The full synch. review as Markdown, for the Temporal UI's current details. */
final class ReviewMarkdown {

    private ReviewMarkdown() {
    }

    /**
     * @param kind    "Full" or "Incremental"
     * @param problem why the plan failed, or null
     */
    static String render(String kind, String profile, SyncStatus status, Collection<ReviewLine> lines,
                         String problem) {
        StringBuilder md = new StringBuilder();
        md.append("### ").append(kind).append(" synchronization of `").append(profile).append("`: ").append(status).append("\n\n");
        if (problem != null) {
            md.append("**The plan failed, so nothing has run yet:** ").append(problem)
                    .append("\n\nFix it, then resume (`crmsync sync resume`) to plan again.\n");
        }
        if (lines.isEmpty()) {
            return problem == null ? md.append("Planning…\n").toString() : md.toString();
        }
        md.append("| Mapping | Direction | Recommendation | Status | Inserted | Modified | Unchanged | Skipped "
                + "| Failed | Seconds | Note |\n");
        md.append("|---|---|---|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (ReviewLine line : lines) {
            md.append("| ").append(line.name())
                    .append(" | ").append(line.direction().arrow())
                    .append(" | ").append(line.recommendation().label())
                    .append(" | ").append(line.status().label())
                    .append(" | ").append(line.counters().inserted())
                    .append(" | ").append(line.counters().modified())
                    .append(" | ").append(line.counters().unchanged())
                    .append(" | ").append(line.counters().skipped())
                    .append(" | ").append(line.counters().failed())
                    .append(" | ").append(line.seconds())
                    .append(" | ").append(line.message() == null ? "" : line.message().replace('|', '/'))
                    .append(" |\n");
        }
        return md.toString();
    }
}
