package org.crmsync.launcher;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.crmsync.activities.store.IntegrationStore;
import org.crmsync.activities.sync.SyncActivitiesImpl;
import org.crmsync.emulators.service.LimitSettings;
import org.crmsync.starter.ReviewTable;
import org.crmsync.starter.SearchAttributeSetup;
import org.crmsync.starter.TemporalOptions;
import org.crmsync.worker.CrmSyncWorker;
import org.crmsync.worker.TemporalConnection;
import org.crmsync.worker.WorkerSettings;
import org.crmsync.workflows.WorkflowIds;
import org.crmsync.workflows.review.FullSyncWorkflow;
import org.crmsync.workflows.review.LineStatus;
import org.crmsync.workflows.review.ReviewLine;
import org.crmsync.workflows.review.SyncProgress;
import org.crmsync.workflows.review.SyncRequest;
import org.crmsync.workflows.review.SyncResult;
import org.crmsync.workflows.review.SyncStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code crmsync bench}: a full sync of every default mapping between the emulators, measured three ways
 * on the same seeded company — through Temporal as users run it, by the same activities in a plain loop
 * with no Temporal (the ratio between the two is what durability costs), and through Temporal again
 * under Dataverse's service protection limits scaled down, against the ceiling those limits set.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures a full sync of the default mappings: records/s, worker heap and history events "
                + "per run, beside the same engine in a plain loop, and under Dataverse's service protection limits.")
public class BenchCommand implements Callable<Integer> {

    /** Records a full sync of the demo company processes per BC customer (its contacts, vendors, items, documents, …). */
    private static final double RECORDS_PER_CUSTOMER = 1.41;
    /** Dataverse's documented request limit and window (apis.md A8), and its execution time per request. */
    private static final int DOCUMENTED_REQUESTS = 6000;
    private static final int DOCUMENTED_WINDOW_SECONDS = 300;
    private static final long EXECUTION_MS_PER_REQUEST = 1_200_000 / DOCUMENTED_REQUESTS;
    private static final int DOCUMENTED_CONCURRENCY = 52;

    @Option(names = "--records", defaultValue = "100000",
            description = "records the full sync processes over all default mappings, up to about 1,410,000 (default: ${DEFAULT-VALUE})")
    int records;

    @Option(names = "--latency-ms", defaultValue = "0",
            description = "latency the emulators add to every request (default: ${DEFAULT-VALUE})")
    long latencyMs;

    @Option(names = "--max-parallel", defaultValue = "" + SyncRequest.DEFAULT_PARALLELISM,
            description = "mappings synchronized at once, in both runs (default: ${DEFAULT-VALUE})")
    int maxParallel;

    @Option(names = "--limits", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "also run under scaled-down service protection limits (default: ${DEFAULT-VALUE})")
    boolean limits;

    @Option(names = "--rounds", defaultValue = "1",
            description = "measured syncs of each kind, alternating which goes first (default: ${DEFAULT-VALUE})")
    int rounds;

    /** The two kinds of measured sync. */
    enum Kind { TEMPORAL, PLAIN }

    @Option(names = "--first", defaultValue = "temporal",
            description = "which kind of sync the first round starts with, temporal or plain; later rounds "
                    + "alternate (default: ${DEFAULT-VALUE})")
    Kind first;

    @Option(names = "--warm-up", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "first sync once of each kind, untimed, so that no measured run pays for the JIT "
                    + "(default: ${DEFAULT-VALUE})")
    boolean warmUp;

    @Option(names = "--emulator-heap", defaultValue = "8g",
            description = "-Xmx of the emulators' process (default: ${DEFAULT-VALUE})")
    String emulatorHeap;

    @Mixin
    TemporalOptions temporal = new TemporalOptions();

    private final PrintStream out = System.out;

    /**
     * One measured full sync.
     *
     * @param cpu       the CPU seconds this process (worker, and the embedded Temporal server if any) and the
     *                  emulators' process used during the sync
     * @param maxEvents the most history events of any one workflow run
     */
    private record Run(String name, long records, double seconds, CpuSeconds cpu, long peakHeapMb, long liveHeapMb,
                       long maxEvents, long workflowRuns, EmulatorProcess.Requests dataverse, List<String> problems) {
        double recordsPerSecond() {
            return records / seconds;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, was " + rounds);
        }
        int scale = (int) Math.max(10, Math.min(1_000_000, Math.round(records / RECORDS_PER_CUSTOMER)));
        out.printf("Worker JVM: %s, max heap %,d MB, %d processors; %,d mappings at once; latency %d ms%n",
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors(), maxParallel, latencyMs);
        List<Run> runs = new ArrayList<>();
        try (EmulatorProcess emulators = EmulatorProcess.start(scale, emulatorHeap,
                List.of("--latency-ms", Long.toString(latencyMs)), out);
             TemporalConnection connection = TemporalConnection.open(temporal.address())) {
            out.printf("  Temporal %s%s%n", connection.address(), connection.embedded()
                    ? " (embedded in this process: its memory counts in the worker's)" : "");
            if (!connection.embedded()) {
                out.println("  " + SearchAttributeSetup.ensure(connection.client().getWorkflowServiceStubs(),
                        TemporalConnection.NAMESPACE));
            }
            if (warmUp) {
                // Whichever run came first would pay for the JIT compiling the engine and the Temporal client, and
                // one run is not enough: the first after it still used up to 80 % more CPU than later ones
                // (docs/benchmarks.md).
                double temporalSeconds = viaTemporal(connection.client(), emulators, "bench-warm-up", "warm-up")
                        .seconds();
                emulators.reset();
                double plainSeconds = plainLoop(emulators, "warm-up, plain loop").seconds();
                emulators.reset();
                out.printf(Locale.ROOT, "  warm-up: %.1f s through Temporal and %.1f s in the plain loop, not counted%n",
                        temporalSeconds, plainSeconds);
            }
            List<Run> durable = new ArrayList<>();
            List<Run> plain = new ArrayList<>();
            int position = 0;
            for (int round = 1; round <= rounds; round++) {
                // every other round the other way round, so that neither side always runs on a warmer machine
                Kind second = first == Kind.TEMPORAL ? Kind.PLAIN : Kind.TEMPORAL;
                for (Kind kind : round % 2 == 1 ? List.of(first, second) : List.of(second, first)) {
                    position++;
                    if (kind == Kind.TEMPORAL) {
                        durable.add(viaTemporal(connection.client(), emulators, "bench",
                                "crmsync (Temporal), run " + position));
                    } else {
                        plain.add(plainLoop(emulators, "plain loop, run " + position));
                    }
                    emulators.reset();
                }
            }
            runs.addAll(durable);
            runs.addAll(plain);
            print(runs);
            double temporalSeconds = durable.stream().mapToDouble(Run::seconds).sum();
            double plainSeconds = plain.stream().mapToDouble(Run::seconds).sum();
            out.printf(Locale.ROOT, "Temporal overhead: %.1f%% (%.1f s through Temporal against %.1f s in a plain "
                    + "loop%s, ratio %.2f)%n", (temporalSeconds / plainSeconds - 1) * 100, temporalSeconds, plainSeconds,
                    rounds == 1 ? "" : ", over " + rounds + " rounds", temporalSeconds / plainSeconds);
            out.printf(Locale.ROOT, "CPU: the worker's process %.1f s through Temporal against %.1f s, the emulators' "
                    + "%.1f s against %.1f s%n", cpu(durable, CpuSeconds::worker), cpu(plain, CpuSeconds::worker),
                    cpu(durable, CpuSeconds::emulators), cpu(plain, CpuSeconds::emulators));
            if (limits) {
                runs.add(underLimits(connection.client(), emulators, durable.get(durable.size() - 1)));
            }
        }
        List<String> problems = runs.stream().flatMap(run -> run.problems().stream().map(p -> run.name() + ": " + p))
                .toList();
        problems.forEach(problem -> out.println("PROBLEM " + problem));
        return problems.isEmpty() ? 0 : 1;
    }

    private Run viaTemporal(WorkflowClient client, EmulatorProcess emulators, String profile, String name)
            throws Exception {
        try (ScratchStore store = new ScratchStore();
             CrmSyncWorker ignored = CrmSyncWorker.start(client, settings(emulators, profile, store))) {
            Measured<SyncResult> run = measure(emulators, () -> {
                FullSyncWorkflow sync = client.newWorkflowStub(FullSyncWorkflow.class, WorkflowOptions.newBuilder()
                        .setWorkflowId(WorkflowIds.fullSync(profile)).setTaskQueue(WorkflowIds.TASK_QUEUE).build());
                WorkflowClient.start(sync::run, new SyncRequest(profile, maxParallel));
                return awaitResult(sync);
            });
            SyncResult result = run.outcome();
            out.printf("%n%s, by mapping:%n%s", name, ReviewTable.render(result.lines()));
            long maxEvents = 0;
            long workflowRuns = 0;
            ActivityHandOffs handOffs = ActivityHandOffs.NONE;
            String slowestLine = null;
            ActivityHandOffs slowest = ActivityHandOffs.NONE;
            for (ReviewLine line : result.lines()) {
                if (line.childWorkflowId() == null) {
                    continue;
                }
                ActivityHandOffs lineHandOffs = ActivityHandOffs.NONE;
                for (List<HistoryEvent> history : histories(client, line.childWorkflowId())) {
                    maxEvents = Math.max(maxEvents, history.size());
                    workflowRuns++;
                    lineHandOffs = lineHandOffs.plus(ActivityHandOffs.in(history));
                }
                handOffs = handOffs.plus(lineHandOffs);
                if (lineHandOffs.seconds() > slowest.seconds()) {
                    slowestLine = line.name();
                    slowest = lineHandOffs;
                }
            }
            for (List<HistoryEvent> history : histories(client, WorkflowIds.fullSync(profile))) {
                maxEvents = Math.max(maxEvents, history.size());
                workflowRuns++;
            }
            out.printf(Locale.ROOT, "Between one activity's end and the next one's start, through Temporal: %,d times, "
                    + "%.1f s in all (%.0f ms each); in %s, the most: %,d times, %.1f s%n", handOffs.count(),
                    handOffs.seconds(), handOffs.millisEach(), slowestLine, slowest.count(), slowest.seconds());
            List<String> problems = new ArrayList<>();
            result.lines().stream().filter(line -> line.status() != LineStatus.FINISHED
                            && line.status() != LineStatus.NO_RECORDS)
                    .forEach(line -> problems.add(line.name() + " " + line.status().label() + ": " + line.message()));
            long synced = result.lines().stream().mapToLong(line -> line.counters().processed()).sum();
            return run.toRun(name, synced, maxEvents, workflowRuns, problems, emulators);
        }
    }

    /** CPU time two processes used, in seconds. */
    private record CpuSeconds(double worker, double emulators) {
        static CpuSeconds now(EmulatorProcess emulators) {
            return new CpuSeconds(seconds(ProcessHandle.current()), seconds(emulators.process()));
        }

        private static double seconds(ProcessHandle process) {
            return process.info().totalCpuDuration().map(cpu -> cpu.toNanos() / 1e9).orElse(Double.NaN);
        }

        CpuSeconds since(CpuSeconds earlier) {
            return new CpuSeconds(worker - earlier.worker, emulators - earlier.emulators);
        }
    }

    /**
     * What one measured sync returned, with its seconds, the CPU it used, the heap while it ran and the Dataverse
     * requests it made.
     */
    private record Measured<T>(T outcome, double seconds, CpuSeconds cpu, HeapWatch heap,
                               EmulatorProcess.Requests dataverse) {
        /** The run's figures, with the reconciliation's complaints added to {@code problems}. */
        Run toRun(String name, long records, long maxEvents, long workflowRuns, List<String> problems,
                  EmulatorProcess emulators) {
            List<String> all = new ArrayList<>(problems);
            all.addAll(reconcile(emulators));
            return new Run(name, records, seconds, cpu, heap.peakMb(), heap.liveMb(), maxEvents, workflowRuns, dataverse,
                    all);
        }
    }

    /** Runs {@code sync} from a collected heap, timing it and counting the Dataverse requests it makes. */
    private static <T> Measured<T> measure(EmulatorProcess emulators, Callable<T> sync) throws Exception {
        EmulatorProcess.Requests before = emulators.dataverseRequests();
        System.gc();
        HeapWatch heap = HeapWatch.start();
        CpuSeconds cpuBefore = CpuSeconds.now(emulators);
        long started = System.nanoTime();
        T outcome = sync.call();
        double seconds = (System.nanoTime() - started) / 1e9;
        CpuSeconds cpu = CpuSeconds.now(emulators).since(cpuBefore);
        heap.stop();
        return new Measured<>(outcome, seconds, cpu, heap, emulators.dataverseRequests().since(before));
    }

    /** The result, or the review as it stands once the sync needs attention (which it then is told to cancel). */
    private static SyncResult awaitResult(FullSyncWorkflow sync) {
        WorkflowStub stub = WorkflowStub.fromTyped(sync);
        while (true) {
            try {
                return stub.getResult(1, TimeUnit.SECONDS, SyncResult.class);
            } catch (TimeoutException stillRunning) {
                SyncProgress progress = sync.progress();
                if (progress.status() == SyncStatus.NEEDS_ATTENTION) {
                    sync.cancel();
                    return new SyncResult(progress.status(), progress.lines(), progress.problem());
                }
            }
        }
    }

    /** The history of each run of a workflow, following continue-as-new back to its first run. */
    private static List<List<HistoryEvent>> histories(WorkflowClient client, String workflowId) {
        List<List<HistoryEvent>> runs = new ArrayList<>();
        String runId = null;
        do {
            List<HistoryEvent> events = (runId == null ? client.fetchHistory(workflowId)
                    : client.fetchHistory(workflowId, runId)).getEvents();
            runs.add(events);
            runId = events.get(0).getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
        } while (!runId.isEmpty());
        return runs;
    }

    private Run plainLoop(EmulatorProcess emulators, String name) throws Exception {
        try (ScratchStore scratch = new ScratchStore()) {
            return plainLoop(emulators, WorkerSettings.of(settings(emulators, "bench", scratch)), name);
        }
    }

    private Run plainLoop(EmulatorProcess emulators, WorkerSettings settings, String name) throws Exception {
        try (IntegrationStore store = IntegrationStore.open(settings.storeUrl(), settings.storeUser(),
                settings.storePassword());
             SyncActivitiesImpl activities = CrmSyncWorker.syncActivities(settings, store)) {
            Measured<List<PlainLoopSync.Line>> run = measure(emulators,
                    () -> new PlainLoopSync(activities).run("bench", maxParallel));
            List<PlainLoopSync.Line> lines = run.outcome();
            out.println("\n" + name + ", seconds by mapping: " + lines.stream()
                    .map(line -> String.format(Locale.ROOT, "%s %.1f", line.mapping(), line.seconds()))
                    .collect(Collectors.joining(", ")));
            List<String> problems = lines.stream().filter(line -> line.failure() != null)
                    .map(line -> line.mapping() + ": " + line.failure()).toList();
            long synced = lines.stream().mapToLong(line -> line.counters().processed()).sum();
            return run.toRun(name, synced, 0, 0, problems, emulators);
        }
    }

    /**
     * Dataverse's documented limit, 6000 requests per 300 s, is 20 requests a second: more than a sync against the
     * emulators on a small machine needs, so it would never bind here. The limits are therefore scaled down, in
     * their documented proportions, until they allow half the request rate the unlimited run used, over windows a
     * tenth of its length so that the run spans many. The ceiling is the time those requests need at that rate.
     */
    private Run underLimits(WorkflowClient client, EmulatorProcess emulators, Run free) throws Exception {
        int window = (int) Math.max(2, Math.round(free.seconds() / 10));
        int allowed = (int) Math.max(1, Math.floor(free.dataverse().accepted() / free.seconds() * window / 2));
        LimitSettings scaled = new LimitSettings(allowed, window, DOCUMENTED_CONCURRENCY,
                allowed * EXECUTION_MS_PER_REQUEST);
        out.printf(Locale.ROOT, "%nService protection run: Dataverse allows %,d requests per %d s (%.2f/s; documented "
                        + "%,d per %d s = %.0f/s), %d concurrent, %,d ms of execution per window%n", allowed, window,
                (double) allowed / window, DOCUMENTED_REQUESTS, DOCUMENTED_WINDOW_SECONDS,
                (double) DOCUMENTED_REQUESTS / DOCUMENTED_WINDOW_SECONDS, DOCUMENTED_CONCURRENCY,
                scaled.executionMsPerWindow());
        emulators.limitDataverse(scaled);
        Run limited = viaTemporal(client, emulators, "bench-limited", "crmsync under service protection");
        emulators.limitDataverse(LimitSettings.NONE);
        // A sliding window lets the first window's requests through at once; every further batch waits a window.
        double ceilingSeconds = Math.max(free.seconds(),
                (double) window * Math.max(0, limited.dataverse().accepted() - allowed) / allowed);
        print(List.of(free, limited));
        out.printf(Locale.ROOT, "Dataverse requests: %,d accepted, %,d refused with 429 and retried. Ceiling: %,d "
                        + "requests need at least %.1f s at that rate (%,.0f records/s); crmsync took %.1f s: %.0f%% of "
                        + "the ceiling%n", limited.dataverse().accepted(), limited.dataverse().refused(),
                limited.dataverse().accepted(), ceilingSeconds, limited.records() / ceilingSeconds, limited.seconds(),
                ceilingSeconds / limited.seconds() * 100);
        return limited;
    }

    private static double cpu(List<Run> runs, ToDoubleFunction<CpuSeconds> process) {
        return runs.stream().mapToDouble(run -> process.applyAsDouble(run.cpu())).sum();
    }

    private static List<String> reconcile(EmulatorProcess emulators) {
        return Reconciliation.of(emulators.bcUrl(), emulators.dataverseUrl()).stream()
                .filter(reconciliation -> !reconciliation.holds()).map(Reconciliation::toString).toList();
    }

    /** A fresh H2 store per run, so that each starts from no couplings. */
    private static Map<String, Object> settings(EmulatorProcess emulators, String profile, ScratchStore store) {
        return DemoCommand.workerSettings(profile, emulators.bcUrl(), emulators.dataverseUrl(), store.dir());
    }

    private void print(List<Run> runs) {
        out.printf("%n%-34s %10s %9s %10s %13s %16s %12s %13s %14s %13s %12s%n", "Run", "records", "seconds",
                "records/s", "worker CPU s", "emulators CPU s", "peak heap MB", "live heap MB", "max events/run",
                "workflow runs", "DV requests");
        for (Run run : runs) {
            out.printf(Locale.ROOT, "%-34s %,10d %9.1f %,10.0f %13.1f %16.1f %,12d %,13d %14s %13s %,12d%n",
                    run.name(), run.records(), run.seconds(), run.recordsPerSecond(), run.cpu().worker(),
                    run.cpu().emulators(), run.peakHeapMb(), run.liveHeapMb(),
                    run.workflowRuns() == 0 ? "–" : String.format("%,d", run.maxEvents()),
                    run.workflowRuns() == 0 ? "–" : Long.toString(run.workflowRuns()), run.dataverse().accepted());
        }
    }
}
