package org.crmsync.worker;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A standalone worker process: reads {@code application.yml} and the environment, connects to Temporal
 * ({@code TEMPORAL_ADDRESS}, or an embedded server when unset) and polls until stopped.
 */
public final class WorkerApplication {

    private WorkerApplication() {
    }

    public static void main(String[] args) throws InterruptedException {
        run(Map.of());
    }

    /** Runs a worker with {@code overrides} on top of its configuration, until the process is stopped. */
    public static void run(Map<String, Object> overrides) throws InterruptedException {
        WorkerSettings settings = WorkerSettings.of(overrides);
        TemporalConnection temporal = TemporalConnection.open(settings.temporalAddress());
        CrmSyncWorker worker = CrmSyncWorker.start(temporal.client(), settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            worker.close();
            temporal.close();
            stopped.countDown();
        }));
        System.out.println("crmsync worker polling task queue " + settings.taskQueue() + " on " + temporal.address());
        stopped.await();
    }
}
