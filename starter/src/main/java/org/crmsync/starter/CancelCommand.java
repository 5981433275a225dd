package org.crmsync.starter;

import io.temporal.client.WorkflowNotFoundException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code crmsync sync cancel}: ends a sync that waits for attention, leaving its failed lines as they are. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = "Ends a sync that waits for attention; what it committed stays, failed lines stay failed.")
public class CancelCommand implements Callable<Integer> {

    @Mixin
    SyncSelection selection;

    @Override
    public Integer call() {
        try (TemporalSession session = selection.temporal.connect()) {
            SyncTarget target = selection.find(session);
            if (target == null) {
                return 2;
            }
            try {
                target.stub(session.client()).cancel();
            } catch (WorkflowNotFoundException ended) {
                System.err.println("the " + target.describe() + " has ended already");
                return 2;
            }
            System.out.println("Asked " + target.describe() + " to stop: running mappings finish, none starts.");
            return 0;
        }
    }
}
