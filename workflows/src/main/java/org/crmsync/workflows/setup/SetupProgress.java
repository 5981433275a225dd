package org.crmsync.workflows.setup;

import java.util.List;

/**
 * The setup guide as it stands.
 *
 * @param status     the step that needs someone decides it: WAITING_FOR_USER, NEEDS_ATTENTION; else RUNNING or DONE
 * @param salespeople the salespeople still to pair or skip, and the users free to pair them with
 */
public record SetupProgress(String profile, StepStatus status, List<StepView> steps, SalespersonMatch salespeople) {

    public SetupProgress {
        steps = List.copyOf(steps);
    }
}
