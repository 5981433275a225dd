package org.crmsync.workflows.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.crmsync.workflows.records.RecordToolsWorkflowImpl;
import org.crmsync.workflows.review.FullSyncWorkflowImpl;
import org.crmsync.workflows.review.IncrementalSyncWorkflowImpl;
import org.crmsync.workflows.setup.SetupWorkflowImpl;
import org.crmsync.workflows.tablesync.TableSyncWorkflowImpl;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every recorded history with today's workflow code. A failure means a change would break runs
 * that are open when a new worker is deployed: put it behind {@code Workflow.getVersion} (docs/versioning.md).
 */
class ReplayTest {

    private static final List<Class<?>> WORKFLOWS = List.of(FullSyncWorkflowImpl.class,
            IncrementalSyncWorkflowImpl.class, TableSyncWorkflowImpl.class, RecordToolsWorkflowImpl.class,
            SetupWorkflowImpl.class);

    @TestFactory
    Stream<DynamicTest> everyRecordedHistoryReplays() throws IOException {
        Properties workflowIds = Histories.workflowIds();
        return histories().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String workflowId = workflowIds.getProperty(file.getFileName().toString());
            assertNotNull(workflowId, file + " has no workflow id in " + Histories.WORKFLOW_IDS);
            WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(Files.readString(file), workflowId),
                    WORKFLOWS.get(0), WORKFLOWS.subList(1, WORKFLOWS.size()).toArray(Class<?>[]::new));
        }));
    }

    @Test
    void everyWorkflowTypeHasARecordedHistory() throws IOException {
        Set<String> recorded = new TreeSet<>();
        for (Path file : histories()) {
            recorded.add(WorkflowExecutionHistory.fromJson(Files.readString(file)).getEvents().get(0)
                    .getWorkflowExecutionStartedEventAttributes().getWorkflowType().getName());
        }
        assertEquals(new TreeSet<>(Set.of("FullSyncWorkflow", "IncrementalSyncWorkflow", "TableSyncWorkflow",
                "RecordToolsWorkflow", "SetupWorkflow")), recorded);
    }

    private static List<Path> histories() throws IOException {
        try (Stream<Path> files = Files.list(Histories.DIRECTORY)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
    }
}
