package org.crmsync.activities.profile;

import java.nio.file.Path;

/**
 * One Business Central company coupled with one Dataverse environment. Lives in the worker's
 * configuration; workflows know it only by name.
 *
 * @param localCurrencyCode      the ISO code of BC's local currency (LCY): a blank currency code maps to the
 *                               Dataverse currency with this code (bc-integration.md §3)
 * @param dataverseAdministrator the same environment signed in as a System Administrator, with which the setup
 *                               guide imports Business Central's integration solution and assigns the integration
 *                               user the roles it lacks; null when the profile has none
 * @param integrationSolution    Business Central's integration solution file (MicrosoftDynamicsNavIntegration.zip),
 *                               which the setup guide imports where the environment lacks it; null when not given
 */
public record ConnectionProfile(String name, BusinessCentralConnection businessCentral, DataverseConnection dataverse,
                                String localCurrencyCode, DataverseConnection dataverseAdministrator,
                                Path integrationSolution) {

    /** A profile without an integration solution file: the solution is imported by hand where it lacks. */
    public ConnectionProfile(String name, BusinessCentralConnection businessCentral, DataverseConnection dataverse,
                             String localCurrencyCode, DataverseConnection dataverseAdministrator) {
        this(name, businessCentral, dataverse, localCurrencyCode, dataverseAdministrator, null);
    }

    /** A profile without an administrator's credential: the integration user's roles are assigned by hand. */
    public ConnectionProfile(String name, BusinessCentralConnection businessCentral, DataverseConnection dataverse,
                             String localCurrencyCode) {
        this(name, businessCentral, dataverse, localCurrencyCode, null);
    }
}
