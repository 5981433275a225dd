package org.crmsync.starter;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code crmsync status}: the synch. review of a profile's latest full or incremental sync, once or live. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows the synch. review of a profile's latest full sync (or incremental sync), once or live.")
public class StatusCommand implements Callable<Integer> {

    @Mixin
    SyncSelection selection;

    @Option(names = "--watch", description = "follow it live, with progress bars and the time left, until it stops")
    boolean watch;

    @Override
    public Integer call() throws InterruptedException {
        try (TemporalSession session = selection.temporal.connect()) {
            SyncTarget target = selection.find(session);
            if (target == null) {
                return 2;
            }
            return watch ? ReviewWatch.followAndReport(session.client(), target)
                    : ReviewTable.report(System.out, target.describe(), target.stub(session.client()).progress());
        }
    }
}
