package org.crmsync.activities.profile;

/**
 * One Business Central company coupled with one Dataverse environment. Lives in the worker's
 * configuration; workflows know it only by name.
 *
 * @param localCurrencyCode the ISO code of BC's local currency (LCY): a blank currency code maps to the
 *                          Dataverse currency with this code (bc-integration.md §3)
 */
public record ConnectionProfile(String name, BusinessCentralConnection businessCentral,
                                DataverseConnection dataverse, String localCurrencyCode) {
}
