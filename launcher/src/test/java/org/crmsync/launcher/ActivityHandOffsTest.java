package org.crmsync.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Timestamp;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.ActivityTaskCompletedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskFailedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskStartedEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivityHandOffsTest {

    /** Builds a history event by event, each with its id and the millisecond it happened at. */
    private static final class History {
        final List<HistoryEvent> events = new ArrayList<>();

        long scheduled(long atMillis) {
            return add(event(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, atMillis));
        }

        void started(long scheduledId, long atMillis) {
            add(event(EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED, atMillis).setActivityTaskStartedEventAttributes(
                    ActivityTaskStartedEventAttributes.newBuilder().setScheduledEventId(scheduledId)));
        }

        void completed(long scheduledId, long atMillis) {
            add(event(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, atMillis).setActivityTaskCompletedEventAttributes(
                    ActivityTaskCompletedEventAttributes.newBuilder().setScheduledEventId(scheduledId)));
        }

        void failed(long scheduledId, long atMillis) {
            add(event(EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED, atMillis).setActivityTaskFailedEventAttributes(
                    ActivityTaskFailedEventAttributes.newBuilder().setScheduledEventId(scheduledId)));
        }

        void workflowTask(long atMillis) {
            add(event(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, atMillis));
        }

        private HistoryEvent.Builder event(EventType type, long atMillis) {
            return HistoryEvent.newBuilder().setEventType(type).setEventTime(Timestamp.newBuilder()
                    .setSeconds(atMillis / 1000).setNanos((int) (atMillis % 1000) * 1_000_000));
        }

        private long add(HistoryEvent.Builder event) {
            long id = events.size() + 1;
            events.add(event.setEventId(id).build());
            return id;
        }
    }

    @Test
    void eachChunkWaitsFromTheEndOfTheOneBeforeToItsOwnStart() {
        History history = new History();
        long first = history.scheduled(1_000);
        history.started(first, 1_005);
        history.completed(first, 3_000);
        history.workflowTask(3_010);
        long second = history.scheduled(3_012);
        history.started(second, 3_020);
        history.failed(second, 4_000);
        history.workflowTask(4_030);
        long third = history.scheduled(4_031);
        history.started(third, 4_050);
        history.completed(third, 5_000);

        ActivityHandOffs handOffs = ActivityHandOffs.in(history.events);

        assertEquals(2, handOffs.count(), "the first activity waited for none");
        assertEquals(0.070, handOffs.seconds(), 1e-9);
        assertEquals(35, handOffs.millisEach(), 1e-9);
    }

    @Test
    void activitiesRunningSideBySideDidNotWaitForEachOther() {
        History history = new History();
        long a = history.scheduled(1_000);
        long b = history.scheduled(1_000);
        history.started(a, 1_010);
        history.started(b, 1_020);
        history.completed(a, 2_000);
        history.completed(b, 2_500);

        assertEquals(ActivityHandOffs.NONE, ActivityHandOffs.in(history.events));
    }
}
