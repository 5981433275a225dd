package org.crmsync.starter;

import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionExecutionStartWorkflow;
import io.temporal.client.schedules.ScheduleActionResult;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleException;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleUpdate;
import io.temporal.common.SearchAttributes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.crmsync.workflows.WorkflowIds;
import org.crmsync.workflows.review.IncrementalSyncWorkflow;
import org.crmsync.workflows.review.SyncRequest;
import org.crmsync.workflows.visibility.CrmSyncSearchAttributes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code crmsync schedule}: the Temporal Schedule {@code incremental/<profile>} that runs a profile's
 * incremental sync, like BC's recurring job queue entries. Overlaps are skipped, so a run that waits for
 * attention holds the next ones back until it is resumed or cancelled.
 */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = "Runs a profile's incremental sync on a Temporal Schedule: enable, disable, status, trigger.")
public class ScheduleCommand extends CommandGroup {

    @Mixin
    ProfileOption profile;

    @Mixin
    TemporalOptions temporal;

    @Command(name = "enable", mixinStandardHelpOptions = true,
            description = "Creates the schedule, or changes its interval and unpauses it.")
    int enable(@Option(names = "--every", defaultValue = "5m", converter = IntervalConverter.class,
            description = "interval: 30s, 5m, 1h or ISO-8601 (default: ${DEFAULT-VALUE})") Duration every) {
        try (TemporalSession session = temporal.connect()) {
            Schedule schedule = schedule(every);
            String id = WorkflowIds.incremental(profile.name());
            try {
                session.schedules().createSchedule(id, schedule, ScheduleOptions.newBuilder()
                        .setTypedSearchAttributes(SearchAttributes.newBuilder()
                                .set(CrmSyncSearchAttributes.PROFILE, profile.name()).build())
                        .build());
                System.out.println("Created schedule " + id + ": an incremental sync every " + TimeLeft.format(every));
            } catch (ScheduleAlreadyRunningException exists) {
                ScheduleHandle handle = session.schedules().getHandle(id);
                handle.update(current -> new ScheduleUpdate(schedule));
                handle.unpause("enabled by crmsync schedule enable");
                System.out.println("Schedule " + id + " enabled: an incremental sync every " + TimeLeft.format(every));
            }
            return 0;
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Pauses the schedule; a run in progress goes on. enable resumes it.")
    int disable() {
        return onSchedule(handle -> {
            handle.pause("disabled by crmsync schedule disable");
            System.out.println("Schedule " + handle.getId() + " paused.");
        });
    }

    @Command(name = "trigger", mixinStandardHelpOptions = true,
            description = "Runs an incremental sync now, unless one is running.")
    int trigger() {
        return onSchedule(handle -> {
            handle.trigger();
            System.out.println("Triggered " + handle.getId() + "; follow it with crmsync status --incremental --watch");
        });
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Shows the interval, whether it is paused, the next runs and the recent ones.")
    int status() {
        try (TemporalSession session = temporal.connect()) {
            return onSchedule(session, handle -> {
                ScheduleDescription described = handle.describe();
                List<ScheduleIntervalSpec> intervals = described.getSchedule().getSpec().getIntervals();
                System.out.println("Schedule " + handle.getId() + ": every "
                        + (intervals.isEmpty() ? "?" : TimeLeft.format(intervals.get(0).getEvery()))
                        + (described.getSchedule().getState().isPaused() ? ", PAUSED" : "")
                        + "; " + described.getInfo().getNumActions() + " runs, "
                        + described.getInfo().getNumActionsSkippedOverlap() + " skipped while one was open");
                described.getInfo().getNextActionTimes().stream().limit(3)
                        .forEach(next -> System.out.println("  next    " + next));
                for (ScheduleActionResult recent : described.getInfo().getRecentActions()) {
                    if (recent.getAction() instanceof ScheduleActionExecutionStartWorkflow started) {
                        System.out.println("  started " + recent.getStartedAt() + "  " + started.getWorkflowId()
                                + "  " + statusOf(session, started.getWorkflowId()));
                    }
                }
            });
        }
    }

    /** A run's CrmSyncStatus, or its Temporal status when it never set one. */
    private static String statusOf(TemporalSession session, String workflowId) {
        try {
            var described = session.client().newUntypedWorkflowStub(workflowId).describe();
            String status = described.getTypedSearchAttributes().get(CrmSyncSearchAttributes.STATUS);
            return status != null ? status : described.getStatus().name();
        } catch (RuntimeException gone) {
            return "(no longer retained)";
        }
    }

    private Schedule schedule(Duration every) {
        return Schedule.newBuilder()
                .setAction(ScheduleActionStartWorkflow.newBuilder()
                        .setWorkflowType(IncrementalSyncWorkflow.class)
                        .setArguments(SyncRequest.of(profile.name()))
                        .setOptions(WorkflowOptions.newBuilder()
                                .setWorkflowId(WorkflowIds.incremental(profile.name()))
                                .setTaskQueue(WorkflowIds.TASK_QUEUE)
                                .setStaticSummary("Incremental sync of profile " + profile.name())
                                // the SDK cannot read a scheduled action back with a summary but no details
                                .setStaticDetails("Every mapping's changes since its watermark, in dependency "
                                        + "order; the review is in the current details.")
                                .setTypedSearchAttributes(SearchAttributes.newBuilder()
                                        .set(CrmSyncSearchAttributes.PROFILE, profile.name()).build())
                                .build())
                        .build())
                .setSpec(ScheduleSpec.newBuilder().setIntervals(List.of(new ScheduleIntervalSpec(every))).build())
                .setPolicy(SchedulePolicy.newBuilder()
                        .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP).build())
                .build();
    }

    private int onSchedule(java.util.function.Consumer<ScheduleHandle> action) {
        try (TemporalSession session = temporal.connect()) {
            return onSchedule(session, action);
        }
    }

    private int onSchedule(TemporalSession session, java.util.function.Consumer<ScheduleHandle> action) {
        try {
            action.accept(session.schedules().getHandle(WorkflowIds.incremental(profile.name())));
            return 0;
        } catch (ScheduleException missing) {
            System.err.println("no schedule for profile " + profile.name() + " on " + session.address()
                    + "; create it: crmsync schedule enable --profile " + profile.name() + " --every 5m");
            return 2;
        }
    }
}
