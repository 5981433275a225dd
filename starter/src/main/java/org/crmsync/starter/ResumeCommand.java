package org.crmsync.starter;

import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import java.util.List;
import java.util.concurrent.Callable;
import org.crmsync.workflows.review.ResumeRequest;
import org.crmsync.workflows.sync.FailureReason;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code crmsync sync resume}: re-runs the failed lines of a sync that needs attention, from their last page. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Re-runs the failed mappings of a sync that needs attention, and their blocked dependents, "
                + "each from its last committed page.")
public class ResumeCommand implements Callable<Integer> {

    @Mixin
    SyncSelection selection;

    @Option(names = "--mapping", paramLabel = "MAPPING", description = "only this failed mapping (repeatable)")
    List<String> mappings = List.of();

    @Option(names = "--detach", description = "resume it and return")
    boolean detach;

    @Override
    public Integer call() throws InterruptedException {
        try (TemporalSession session = selection.temporal.connect()) {
            SyncTarget target = selection.find(session);
            if (target == null) {
                return 2;
            }
            try {
                target.stub(session.client()).resume(new ResumeRequest(mappings));
            } catch (WorkflowNotFoundException ended) {
                System.err.println("not resumed: the " + target.describe() + " has ended; nothing waits for a resume");
                return 2;
            } catch (WorkflowUpdateException refused) {
                System.err.println("not resumed: " + FailureReason.of(refused));
                return 2;
            }
            System.out.println("Resumed " + target.describe());
            return detach ? 0 : ReviewWatch.followAndReport(session.client(), target);
        }
    }
}
