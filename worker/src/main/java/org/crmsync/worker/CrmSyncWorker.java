package org.crmsync.worker;

import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crmsync.activities.profile.ConnectionProfiles;
import org.crmsync.activities.store.IntegrationStore;
import org.crmsync.activities.sync.SetupActivitiesImpl;
import org.crmsync.activities.sync.SyncActivitiesImpl;
import org.crmsync.workflows.records.RecordToolsWorkflowImpl;
import org.crmsync.workflows.review.FullSyncWorkflowImpl;
import org.crmsync.workflows.review.IncrementalSyncWorkflowImpl;
import org.crmsync.workflows.setup.SetupWorkflowImpl;
import org.crmsync.workflows.tablesync.TableSyncWorkflowImpl;

/**
 * A running worker: the integration store, the activities over the connectors, and the workflow
 * implementations, polling the task queue. Several may share a task queue.
 */
public final class CrmSyncWorker implements AutoCloseable {

    private final IntegrationStore store;
    private final SyncActivitiesImpl activities;
    private final WorkerFactory factory;

    private CrmSyncWorker(IntegrationStore store, SyncActivitiesImpl activities, WorkerFactory factory) {
        this.store = store;
        this.activities = activities;
        this.factory = factory;
    }

    /** Reads settings from a Micronaut configuration with {@code overrides} on top, and starts polling. */
    public static CrmSyncWorker start(WorkflowClient client, Map<String, Object> overrides) {
        return start(client, WorkerSettings.of(overrides));
    }

    public static CrmSyncWorker start(WorkflowClient client, WorkerSettings settings) {
        return start(client, settings, Optional.empty());
    }

    /** Also reports to {@code metrics} what each sync chunk did ({@link SyncMetrics}) and how the store's pool fares. */
    public static CrmSyncWorker start(WorkflowClient client, WorkerSettings settings, MeterRegistry metrics) {
        return start(client, settings, Optional.of(metrics));
    }

    private static CrmSyncWorker start(WorkflowClient client, WorkerSettings settings, Optional<MeterRegistry> metrics) {
        IntegrationStore store = IntegrationStore.open(settings.storeUrl(), settings.storeUser(), settings.storePassword(),
                metrics.orElse(null));
        SyncActivitiesImpl activities = syncActivities(settings, store);
        WorkerFactory factory = WorkerFactory.newInstance(client, metrics
                .map(registry -> WorkerFactoryOptions.newBuilder().setWorkerInterceptors(new SyncMetrics(registry)).build())
                .orElse(WorkerFactoryOptions.getDefaultInstance()));
        Worker worker = factory.newWorker(settings.taskQueue(), WorkerOptions.newBuilder()
                .setMaxConcurrentActivityExecutionSize(settings.maxConcurrentActivities())
                // every chunk goes through the task queue, so that with several workers any of them takes
                // the next one, rather than the worker running the table sync keeping all of its chunks
                .setDisableEagerExecution(true)
                .build());
        worker.registerWorkflowImplementationTypes(FullSyncWorkflowImpl.class, IncrementalSyncWorkflowImpl.class,
                TableSyncWorkflowImpl.class, RecordToolsWorkflowImpl.class, SetupWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities, new SetupActivitiesImpl(activities, store));
        factory.start();
        return new CrmSyncWorker(store, activities, factory);
    }

    /** The sync activities as a worker configured by {@code settings} runs them. */
    public static SyncActivitiesImpl syncActivities(WorkerSettings settings, IntegrationStore store) {
        return new SyncActivitiesImpl(new ConnectionProfiles(settings.profiles()), store, Clock.systemUTC(),
                settings.pageSize(), settings.pagesPerChunk());
    }

    public IntegrationStore store() {
        return store;
    }

    /** Whether this worker polls and its store answers. */
    public List<HealthCheck> health() {
        String polling = factory.isShutdown() ? "the worker has been stopped"
                : factory.isStarted() ? null : "the worker has not started polling";
        return List.of(new HealthCheck("worker", polling), new HealthCheck("store", store.unavailableBecause()));
    }

    @Override
    public void close() {
        factory.shutdown();
        factory.awaitTermination(25, java.util.concurrent.TimeUnit.SECONDS);
        activities.close();
        store.close();
    }
}
