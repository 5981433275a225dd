package org.crmsync.launcher;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.crmsync.activities.mapping.DefaultMappings;
import org.crmsync.activities.mapping.TableMapping;
import org.crmsync.worker.CrmSyncWorker;
import org.crmsync.worker.TemporalConnection;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.sync.JobCounters;
import org.crmsync.workflows.tablesync.TableSyncRequest;
import org.crmsync.workflows.tablesync.TableSyncResult;
import org.crmsync.workflows.tablesync.TableSyncWorkflow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code crmsync sync-bench}: how fast syncChunk moves CUSTOMER from the BC emulator to the Dataverse
 * emulator, and how much memory the worker needs, as the table grows. The emulators run in a process of
 * their own, so the memory figures are the worker's alone; Temporal is embedded and the store is H2.
 */
@Command(name = "sync-bench", mixinStandardHelpOptions = true,
        description = "Measures a full CUSTOMER sync to Dataverse (records/s, worker memory, history events) "
                + "at each scale.")
public class SyncBenchmarkCommand implements Callable<Integer> {

    private static final String PROFILE = "bench";
    private static final TableMapping CUSTOMER = defaultMapping(DefaultMappings.CUSTOMER);

    @Option(names = "--scales", split = ",", defaultValue = "10000,100000",
            description = "numbers of BC customers, one run each (default: ${DEFAULT-VALUE})")
    List<Integer> scales;

    @Option(names = "--page-size", defaultValue = "1000",
            description = "records per source page, crmsync.sync.page-size (default: ${DEFAULT-VALUE})")
    int pageSize;

    @Option(names = "--emulator-heap", defaultValue = "6g",
            description = "-Xmx of the emulators' process (default: ${DEFAULT-VALUE})")
    String emulatorHeap;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        out.printf("Worker JVM: %s, max heap %,d MB, %d processors; pages of %,d records%n",
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors(), pageSize);
        out.printf("%10s %10s %8s %9s %10s %12s %14s %10s %8s%n", "customers", "inserted", "failed", "seconds",
                "records/s", "peak heap MB", "live heap MB", "events", "chunks");
        for (int scale : scales) {
            Result result = run(scale);
            out.printf("%,10d %,10d %,8d %9.1f %,10.0f %,12d %,14d %,10d %,8d%n", scale, result.counters().inserted(),
                    result.counters().failed(), result.seconds(), result.counters().processed() / result.seconds(),
                    result.peakHeapMb(), result.liveHeapMb(), result.events(), result.chunks());
        }
        out.println("records/s: customers read and decided (inserted, or failed with a reason) a second");
        out.println("live heap: the heap in use after the collector last ran, at its highest during the sync");
        return 0;
    }

    private record Result(JobCounters counters, double seconds, long peakHeapMb, long liveHeapMb, long events,
                          long chunks) {
    }

    private Result run(int scale) throws Exception {
        try (ScratchStore store = new ScratchStore();
             EmulatorProcess emulators = EmulatorProcess.start(scale, emulatorHeap, List.of(), out);
             TemporalConnection temporal = TemporalConnection.open("")) {
            Map<String, Object> settings = DemoCommand.workerSettings(PROFILE, emulators.bcUrl(),
                    emulators.dataverseUrl(), store.dir());
            settings.put("crmsync.sync.page-size", pageSize);
            try (CrmSyncWorker ignored = CrmSyncWorker.start(temporal.client(), settings)) {
                // A customer's owner, currency, payment terms and shipment method resolve through the couplings
                // of CUSTOMER's parents; without them nearly every customer would fail, and the figure would be
                // one of failure bookkeeping.
                for (String parent : CUSTOMER.dependsOn()) {
                    sync(temporal.client(), parent, defaultMapping(parent).direction());
                }
                System.gc();
                HeapWatch heap = HeapWatch.start();
                long started = System.nanoTime();
                TableSyncResult customers = sync(temporal.client(), CUSTOMER.name(), Direction.TO_INTEGRATION_TABLE);
                double seconds = (System.nanoTime() - started) / 1e9;
                heap.stop();
                List<HistoryEvent> history = temporal.client().fetchHistory("bench/CUSTOMER").getEvents();
                long chunks = history.stream()
                        .filter(event -> event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED).count();
                return new Result(customers.counters(), seconds, heap.peakMb(), heap.liveMb(), history.size(), chunks);
            }
        }
    }

    private static TableMapping defaultMapping(String name) {
        return DefaultMappings.all().stream().filter(mapping -> mapping.name().equals(name)).findFirst().orElseThrow();
    }

    private static TableSyncResult sync(WorkflowClient client, String mapping, Direction direction) {
        TableSyncWorkflow sync = client.newWorkflowStub(TableSyncWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId("bench/" + mapping).setTaskQueue("crmsync").build());
        return sync.run(TableSyncRequest.start(PROFILE, mapping, direction, "bench-" + mapping, true, false));
    }
}
