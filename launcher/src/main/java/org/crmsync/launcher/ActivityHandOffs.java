package org.crmsync.launcher;

import com.google.protobuf.Timestamp;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The time a workflow's activities spent waiting for each other: from one activity's end, as the server recorded
 * it, to the start of the next one the workflow scheduled after it. That is the round trip a plain loop does not
 * make (a workflow task, then the activity task through the task queue), on the workflow's critical path when its
 * activities run one after the other, as a table sync's chunks do.
 *
 * @param count   the activities that started after another ended
 * @param seconds the waits, added up
 */
record ActivityHandOffs(int count, double seconds) {

    static final ActivityHandOffs NONE = new ActivityHandOffs(0, 0);

    /** The hand-offs in one run's history. */
    static ActivityHandOffs in(List<HistoryEvent> history) {
        Map<Long, Activity> byScheduledId = new HashMap<>();
        List<Activity> inOrder = new ArrayList<>();
        for (HistoryEvent event : history) {
            switch (event.getEventType()) {
                case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
                    Activity activity = new Activity(event.getEventId());
                    byScheduledId.put(event.getEventId(), activity);
                    inOrder.add(activity);
                }
                case EVENT_TYPE_ACTIVITY_TASK_STARTED -> byScheduledId.get(
                        event.getActivityTaskStartedEventAttributes().getScheduledEventId()).startedNanos =
                        nanos(event.getEventTime());
                case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> byScheduledId.get(
                        event.getActivityTaskCompletedEventAttributes().getScheduledEventId()).ended(event);
                case EVENT_TYPE_ACTIVITY_TASK_FAILED -> byScheduledId.get(
                        event.getActivityTaskFailedEventAttributes().getScheduledEventId()).ended(event);
                case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> byScheduledId.get(
                        event.getActivityTaskTimedOutEventAttributes().getScheduledEventId()).ended(event);
                case EVENT_TYPE_ACTIVITY_TASK_CANCELED -> byScheduledId.get(
                        event.getActivityTaskCanceledEventAttributes().getScheduledEventId()).ended(event);
                default -> { }
            }
        }
        int count = 0;
        long waited = 0;
        for (int i = 1; i < inOrder.size(); i++) {
            Activity before = inOrder.get(i - 1);
            Activity next = inOrder.get(i);
            // only an activity scheduled once the one before had ended waited for it
            if (before.endedEventId != 0 && before.endedEventId < next.scheduledEventId && next.startedNanos != 0) {
                count++;
                waited += Math.max(0, next.startedNanos - before.endedNanos);
            }
        }
        return new ActivityHandOffs(count, waited / 1e9);
    }

    ActivityHandOffs plus(ActivityHandOffs other) {
        return new ActivityHandOffs(count + other.count, seconds + other.seconds);
    }

    double millisEach() {
        return count == 0 ? 0 : seconds * 1000 / count;
    }

    private static long nanos(Timestamp time) {
        return time.getSeconds() * 1_000_000_000L + time.getNanos();
    }

    private static final class Activity {
        final long scheduledEventId;
        long startedNanos;
        long endedEventId;
        long endedNanos;

        Activity(long scheduledEventId) {
            this.scheduledEventId = scheduledEventId;
        }

        void ended(HistoryEvent event) {
            endedEventId = event.getEventId();
            endedNanos = nanos(event.getEventTime());
        }
    }
}
