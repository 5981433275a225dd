package org.crmsync.worker;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.time.Duration;
import java.util.Map;
import org.crmsync.workflows.sync.JobCounters;
import org.crmsync.workflows.sync.SyncChunkRequest;
import org.crmsync.workflows.sync.SyncChunkResult;

/**
 * What the sync chunks this worker ran did, for Prometheus: {@code crmsync_records_total} by profile, mapping,
 * direction and outcome (inserted, modified, … as in the review), and {@code crmsync_chunk_seconds}. A chunk
 * counts when it returns, so one that fails and is retried counts once.
 */
final class SyncMetrics extends WorkerInterceptorBase {

    private final MeterRegistry registry;

    SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
        return new ActivityInboundCallsInterceptorBase(next) {
            @Override
            public ActivityOutput execute(ActivityInput input) {
                long started = System.nanoTime();
                ActivityOutput output = super.execute(input);
                if (input.getArguments().length == 1 && input.getArguments()[0] instanceof SyncChunkRequest request
                        && output.getResult() instanceof SyncChunkResult result) {
                    record(request, result.counters(), System.nanoTime() - started);
                }
                return output;
            }
        };
    }

    private void record(SyncChunkRequest request, JobCounters counters, long nanos) {
        Tags tags = Tags.of("profile", request.profile(), "mapping", request.mapping(),
                "direction", request.direction().name());
        Timer.builder("crmsync.chunk").description("Time a sync chunk took, from its first read to its last commit")
                .tags(tags).register(registry).record(Duration.ofNanos(nanos));
        Map<String, Long> outcomes = Map.of("inserted", counters.inserted(), "modified", counters.modified(),
                "deleted", counters.deleted(), "unchanged", counters.unchanged(), "skipped", counters.skipped(),
                "failed", counters.failed(), "coupled", counters.coupled(), "uncoupled", counters.uncoupled());
        outcomes.forEach((outcome, count) -> registry.counter("crmsync.records", tags.and("outcome", outcome))
                .increment(count));
    }
}
