package org.crmsync.workflows.setup;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The setup guide's steps that touch the two systems and the store (architecture §4). Each is idempotent:
 * a step run again after a fix, or replayed after a crash, finds what it did and does no more.
 */
@ActivityInterface
public interface SetupActivities {

    /** Signs in to both systems with the profile's credentials; returns what it found. */
    @ActivityMethod
    String checkConnection(SetupStepRequest request);

    /**
     * Checks that Business Central's integration solution is installed and that the integration user holds the
     * roles the sync needs, importing the solution and assigning the roles where they lack when the profile has an
     * administrator's credential; returns what it found and did.
     */
    @ActivityMethod
    String checkIntegrationRoles(SetupStepRequest request);

    /**
     * Sets the options asked for, and writes the default mappings unless the profile has mappings (or, asked to
     * reset, always); returns how many, and the options.
     */
    @ActivityMethod
    String writeDefaultMappings(SetupStepRequest request);

    /** Couples salespeople with CRM users of the same e-mail, and returns those left on either side. */
    @ActivityMethod
    SalespersonMatch matchSalespeople(SetupStepRequest request);
}
