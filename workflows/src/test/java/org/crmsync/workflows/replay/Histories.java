package org.crmsync.workflows.replay;

import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Records the histories the replay test replays. Workflow tests call {@link #record} at their end; it
 * writes only when run with {@code -Dcrmsync.recordHistories=true}, after a deliberate change of workflow
 * behaviour (docs/versioning.md), so that the histories in the repository stay those of released code.
 */
public final class Histories {

    static final Path DIRECTORY = Path.of("src", "test", "resources", "histories");
    /** File name → workflow id: a replay must run under the recorded id, as children's ids derive from it. */
    static final Path WORKFLOW_IDS = DIRECTORY.resolve("workflow-ids.properties");

    private Histories() {
    }

    static Properties workflowIds() throws IOException {
        Properties ids = new Properties();
        if (Files.exists(WORKFLOW_IDS)) {
            try (Reader in = Files.newBufferedReader(WORKFLOW_IDS)) {
                ids.load(in);
            }
        }
        return ids;
    }

    /** Saves the latest run of a workflow as {@code histories/<name>.json}, when recording is on. */
    public static void record(WorkflowClient client, String workflowId, String name) {
        if (!Boolean.getBoolean("crmsync.recordHistories")) {
            return;
        }
        try {
            Files.createDirectories(DIRECTORY);
            Files.writeString(DIRECTORY.resolve(name + ".json"), client.fetchHistory(workflowId).toJson(true));
            synchronized (Histories.class) {
                Properties ids = workflowIds();
                ids.setProperty(name + ".json", workflowId);
                // sorted and without the date Properties.store adds, so that re-recording changes only what changed
                StringBuilder lines = new StringBuilder("# the workflow id each history was recorded under\n");
                new TreeMap<>(ids).forEach((file, id) -> lines.append(file).append('=').append(id).append('\n'));
                Files.writeString(WORKFLOW_IDS, lines);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the history of " + workflowId, e);
        }
    }
}
