package org.crmsync.starter;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.crmsync.workflows.records.RecordToolsRequest;
import org.crmsync.workflows.sync.RecordFailureView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code crmsync errors}: the records that failed to synchronize, with their key, side and reason (BC's
 * Coupled Data Synchronization Errors); {@code errors retry} synchronizes them again now.
 */
@Command(name = "errors", mixinStandardHelpOptions = true,
        description = "Lists the records that failed to synchronize and why; 'errors retry' re-syncs them now.")
public class ErrorsCommand implements java.util.concurrent.Callable<Integer> {

    @Mixin
    ProfileOption profile;

    @Option(names = "--mapping", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "only this mapping (default: all of them)")
    String mapping;

    @Option(names = "--skipped", description = "only the skipped ones: failed twice the same way, left alone until retried")
    boolean skippedOnly;

    @Mixin
    TemporalOptions temporal;

    @Override
    public Integer call() {
        return RecordTools.run(temporal, RecordToolsRequest.listFailures(profile.name(), mapping), "", result -> {
                    List<RecordFailureView> shown = result.failures().stream()
                            .filter(failure -> !skippedOnly || failure.skipped()).toList();
                    print(System.out, shown);
                    System.out.println(shown.isEmpty() ? "No " + (skippedOnly ? "skipped" : "failed") + " records."
                            : shown.size() + " records. Fix the cause, then: crmsync errors retry"
                            + (mapping == null ? "" : " --mapping " + mapping));
                    return 0;
                });
    }

    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = "Releases skipped records and synchronizes every failed one now.")
    int retry() {
        return RecordTools.run(temporal, RecordToolsRequest.retryFailures(profile.name(), mapping), "", result -> {
                    System.out.printf(Locale.ROOT, "Retried: %d released from skipped; inserted %d, modified %d, unchanged %d, "
                                    + "failed %d%n", result.released(), result.counters().inserted(), result.counters().modified(),
                            result.counters().unchanged(), result.counters().failed());
                    if (!result.failures().isEmpty()) {
                        System.out.println("Still failing:");
                        print(System.out, result.failures());
                    }
                    return result.failures().isEmpty() ? 0 : 1;
                });
    }

    static void print(PrintStream out, List<RecordFailureView> failures) {
        if (failures.isEmpty()) {
            return;
        }
        String format = "%-16s %-6s %-22s %-7s  %s%n";
        out.printf(Locale.ROOT, format, "Mapping", "Side", "Key", "Skipped", "Reason");
        for (RecordFailureView failure : failures) {
            out.printf(Locale.ROOT, format, failure.mapping(), failure.direction().arrow(), failure.sourceKey(),
                    failure.skipped() ? "yes" : "", failure.message());
        }
    }
}
