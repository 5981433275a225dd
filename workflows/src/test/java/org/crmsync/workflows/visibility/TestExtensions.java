package org.crmsync.workflows.visibility;

import io.temporal.testing.TestWorkflowExtension;

/** Workflow test servers that know crmsync's search attributes, as a real server set up for it does. */
public final class TestExtensions {

    private TestExtensions() {
    }

    public static TestWorkflowExtension.Builder withSearchAttributes() {
        TestWorkflowExtension.Builder builder = TestWorkflowExtension.newBuilder();
        CrmSyncSearchAttributes.indexedTypes().forEach(builder::registerSearchAttribute);
        return builder;
    }
}
