package org.crmsync.worker;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A standalone worker process: reads {@code application.yml} and the environment, connects to Temporal
 * ({@code TEMPORAL_ADDRESS}, or an embedded server when unset), polls until stopped and, when
 * {@code crmsync.worker.http-port} is set, serves its health and metrics.
 */
public final class WorkerApplication implements AutoCloseable {

    private final TemporalConnection temporal;
    private final CrmSyncWorker worker;
    /** With {@link #operations}, null when the health and metrics endpoints are off. */
    private final JvmGcMetrics gc;
    private final OperationsServer operations;

    private WorkerApplication(TemporalConnection temporal, CrmSyncWorker worker, JvmGcMetrics gc,
                              OperationsServer operations) {
        this.temporal = temporal;
        this.worker = worker;
        this.gc = gc;
        this.operations = operations;
    }

    public static void main(String[] args) throws InterruptedException {
        run(Map.of());
    }

    /** Runs a worker with {@code overrides} on top of its configuration, until the process is stopped. */
    public static void run(Map<String, Object> overrides) throws InterruptedException {
        WorkerSettings settings = WorkerSettings.of(overrides);
        WorkerApplication application = start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            application.close();
            stopped.countDown();
        }));
        System.out.println("crmsync worker polling task queue " + settings.taskQueue() + " on "
                + application.temporal.address() + (application.operations == null ? ""
                : "; health and metrics on http://" + settings.httpHost() + ":" + application.operations.port()
                + "/health and /metrics"));
        stopped.await();
    }

    /** Connects, starts polling and, when the settings ask for it, serving health and metrics. */
    public static WorkerApplication start(WorkerSettings settings) {
        if (settings.httpPort() < 0) {
            // no endpoint to read them from: the worker gathers no meters at all
            TemporalConnection temporal = TemporalConnection.open(settings.temporalAddress());
            return new WorkerApplication(temporal, CrmSyncWorker.start(temporal.client(), settings), null, null);
        }
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(metrics);
        TemporalConnection temporal = TemporalConnection.open(settings.temporalAddress(), metrics);
        CrmSyncWorker worker = CrmSyncWorker.start(temporal.client(), settings, metrics);
        return new WorkerApplication(temporal, worker, gc, OperationsServer.start(settings.httpHost(),
                settings.httpPort(), () -> health(temporal, worker), metrics));
    }

    private static List<HealthCheck> health(TemporalConnection temporal, CrmSyncWorker worker) {
        List<HealthCheck> checks = new ArrayList<>();
        checks.add(temporal.health());
        checks.addAll(worker.health());
        return checks;
    }

    public WorkflowClient client() {
        return temporal.client();
    }

    /** The port of the health and metrics endpoints; -1 when they are off. */
    public int operationsPort() {
        return operations == null ? -1 : operations.port();
    }

    @Override
    public void close() {
        if (operations != null) {
            operations.close();
            gc.close();
        }
        worker.close();
        temporal.close();
    }
}
