package org.crmsync.workflows.review;

import java.util.List;

/**
 * Resumes a full sync that needs attention.
 *
 * @param mappings the lines in Error to re-run, with their blocked dependents; empty means all of them
 */
public record ResumeRequest(List<String> mappings) {

    public ResumeRequest {
        mappings = mappings == null ? List.of() : List.copyOf(mappings);
    }

    public static ResumeRequest all() {
        return new ResumeRequest(List.of());
    }
}
