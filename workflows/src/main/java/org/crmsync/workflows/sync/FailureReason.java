package org.crmsync.workflows.sync;

import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;

/**
 * What went wrong, in the words of the activity or validator that said it, not of the layers the failure
 * travelled through (child workflow, workflow, client exception). For workflows and the command line alike.
 */
public final class FailureReason {

    private FailureReason() {
    }

    /** The innermost Temporal failure's own message; a timeout says which. */
    public static String of(Throwable failure) {
        String reason = failure.getMessage();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutFailure timeout) {
                reason = "timed out (" + timeout.getTimeoutType() + ")";
            } else if (cause instanceof TemporalFailure temporal) {
                reason = temporal.getOriginalMessage();
            }
        }
        return reason;
    }

    /**
     * {@code text} cut to {@code max} characters, ending in an ellipsis when it was cut; null stays null. For a
     * reason, or a key beside it, where a column, a progress line or Temporal's size limit has room for so much.
     */
    public static String shortened(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
