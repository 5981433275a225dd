package org.crmsync.workflows.setup;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The setup guide of a connection profile, id {@code setup/<profile>}: checks the connections and the
 * integration user's roles, writes the default mappings, couples salespeople by e-mail and waits for a
 * user to pair or skip the rest, then may start the full sync. A step that fails for a reason a person
 * must fix (a bad secret, a missing role) waits for a {@link #retry()}, like a wizard that remembers
 * where it was.
 */
@WorkflowInterface
public interface SetupWorkflow {

    @WorkflowMethod
    SetupProgress run(SetupRequest request);

    @QueryMethod
    SetupProgress progress();

    /** Couples the salespeople named with the CRM users named, and leaves the skipped ones uncoupled. */
    @UpdateMethod
    SetupProgress coupleSalespersons(SalespersonPairing pairing);

    @UpdateValidatorMethod(updateName = "coupleSalespersons")
    void validateCoupleSalespersons(SalespersonPairing pairing);

    /** Runs the step that needs attention again, after its cause was fixed. */
    @UpdateMethod
    SetupProgress retry();

    @UpdateValidatorMethod(updateName = "retry")
    void validateRetry();
}
