package org.crmsync.starter;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Locale;
import java.util.Optional;

/**
 * What a command says when Temporal cannot be reached or refuses it for a reason a user fixes, instead of
 * the gRPC stack trace.
 */
final class TemporalProblem {

    private TemporalProblem() {
    }

    /**
     * The message for {@code failure}, when Temporal's answer in its causes is one a user can act on.
     *
     * @param address the server the command talked to
     */
    static Optional<String> explain(Throwable failure, String address) {
        StatusRuntimeException refusal = refusal(failure);
        if (refusal == null) {
            return Optional.empty();
        }
        Status.Code code = refusal.getStatus().getCode();
        String description = String.valueOf(refusal.getStatus().getDescription());
        if (code == Status.Code.UNAVAILABLE) {
            return Optional.of("cannot reach the Temporal server at " + address + " (" + innermost(failure).getMessage()
                    + "): start it, or point --temporal or TEMPORAL_ADDRESS at the right one");
        }
        if (code == Status.Code.DEADLINE_EXCEEDED) {
            return Optional.of("no answer in time from " + address + " (" + description + "): a sync's progress is "
                    + "answered by a crmsync worker, so check that one is running for this profile and not overloaded");
        }
        if (code == Status.Code.INVALID_ARGUMENT && description.contains("search attribute")) {
            return Optional.of("the Temporal server at " + address + " lacks crmsync's search attributes ("
                    + description + "): run `crmsync temporal init --temporal " + address + "` once");
        }
        if (code == Status.Code.NOT_FOUND && description.toLowerCase(Locale.ROOT).contains("namespace")) {
            return Optional.of("the Temporal server at " + address + " has no such namespace (" + description
                    + "): crmsync uses \"default\"");
        }
        return Optional.empty();
    }

    /** Whether {@code failure} is a call that got no answer in time, such as a query no worker took up yet. */
    static boolean unansweredInTime(Throwable failure) {
        StatusRuntimeException refusal = refusal(failure);
        return refusal != null && refusal.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED;
    }

    private static StatusRuntimeException refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StatusRuntimeException status) {
                return status;
            }
        }
        return null;
    }

    private static Throwable innermost(Throwable failure) {
        Throwable innermost = failure;
        while (innermost.getCause() != null) {
            innermost = innermost.getCause();
        }
        return innermost;
    }
}
