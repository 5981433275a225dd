package org.crmsync.activities.profile;

/**
 * One Business Central company coupled with one Dataverse environment. Lives in the worker's
 * configuration; workflows know it only by name.
 *
 * @param localCurrencyCode      the ISO code of BC's local currency (LCY): a blank currency code maps to the
 *                               Dataverse currency with this code (bc-integration.md §3)
 * @param dataverseAdministrator the same environment signed in as a System Administrator, with which the setup
 *                               guide assigns the integration user the roles it lacks; null when the profile has none
 */
public record ConnectionProfile(String name, BusinessCentralConnection businessCentral, DataverseConnection dataverse,
                                String localCurrencyCode, DataverseConnection dataverseAdministrator) {

    /** A profile without an administrator's credential: the integration user's roles are assigned by hand. */
    public ConnectionProfile(String name, BusinessCentralConnection businessCentral, DataverseConnection dataverse,
                             String localCurrencyCode) {
        this(name, businessCentral, dataverse, localCurrencyCode, null);
    }
}
