package org.crmsync.launcher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.crmsync.activities.sync.SyncActivitiesImpl;
import org.crmsync.workflows.plan.DependencyGraph;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.plan.MappingPlan;
import org.crmsync.workflows.plan.Recommendation;
import org.crmsync.workflows.plan.SyncPlan;
import org.crmsync.workflows.sync.JobCounters;
import org.crmsync.workflows.sync.PlanRequest;
import org.crmsync.workflows.sync.SyncChunkRequest;
import org.crmsync.workflows.sync.SyncChunkResult;

/**
 * A full sync by the same activities, driven by a plain loop in this process instead of Temporal: the plan,
 * then each mapping's chunks, a mapping starting once its parents are done, up to {@code maxParallel} at
 * once — what {@code FullSyncWorkflow} does, minus durability, visibility and resume. The benchmark runs it
 * beside the workflow to show what Temporal costs.
 */
final class PlainLoopSync {

    /** How one mapping ended: its counters and seconds, or why it failed or did not run. */
    record Line(String mapping, JobCounters counters, double seconds, String failure) {
    }

    private final SyncActivitiesImpl activities;

    PlainLoopSync(SyncActivitiesImpl activities) {
        this.activities = activities;
    }

    List<Line> run(String profile, int maxParallel) throws InterruptedException {
        SyncPlan plan = activities.plan(PlanRequest.all(profile));
        DependencyGraph graph = new DependencyGraph(plan.mappings());
        Map<String, MappingPlan> byName = new HashMap<>();
        plan.mappings().forEach(mapping -> byName.put(mapping.name(), mapping));
        Map<String, MappingPlan> waiting = new LinkedHashMap<>();
        graph.topologicalOrder().forEach(name -> waiting.put(name, byName.get(name)));
        Map<String, Line> ended = new HashMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(maxParallel);
        CompletionService<Line> completed = new ExecutorCompletionService<>(threads);
        try {
            int running = 0;
            while (!waiting.isEmpty() || running > 0) {
                for (MappingPlan mapping : new ArrayList<>(waiting.values())) {
                    List<String> parents = graph.parentsOf(mapping.name());
                    if (mapping.recommendation() == Recommendation.NO_RECORDS_FOUND) {
                        waiting.remove(mapping.name());
                        ended.put(mapping.name(), new Line(mapping.name(), JobCounters.ZERO, 0, null));
                    } else if (parents.stream().anyMatch(p -> ended.containsKey(p) && ended.get(p).failure() != null)) {
                        waiting.remove(mapping.name());
                        ended.put(mapping.name(), new Line(mapping.name(), JobCounters.ZERO, 0, "blocked by a parent"));
                    } else if (running < maxParallel && ended.keySet().containsAll(parents)) {
                        waiting.remove(mapping.name());
                        completed.submit(() -> sync(profile, mapping));
                        running++;
                    }
                }
                if (running > 0) {
                    Line line = completed.take().get();
                    ended.put(line.mapping(), line);
                    running--;
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            threads.shutdownNow();
        }
        return graph.topologicalOrder().stream().map(ended::get).toList();
    }

    private Line sync(String profile, MappingPlan mapping) {
        String jobId = UUID.randomUUID().toString();
        boolean matchFirst = mapping.recommendation() == Recommendation.COUPLE_RECORDS;
        JobCounters counters = JobCounters.ZERO;
        long started = System.nanoTime();
        try {
            for (Direction direction : mapping.direction().passes()) {
                SyncChunkResult chunk;
                do {
                    chunk = activities.syncChunk(new SyncChunkRequest(profile, mapping.name(), direction, jobId, true,
                            matchFirst, false), committed -> { });
                } while (!chunk.done());
                counters = counters.plus(chunk.counters());
            }
            return new Line(mapping.name(), counters, (System.nanoTime() - started) / 1e9, null);
        } catch (RuntimeException e) {
            return new Line(mapping.name(), counters, (System.nanoTime() - started) / 1e9, e.getMessage());
        }
    }
}
