package org.crmsync.workflows.setup;

/**
 * Starts the setup guide of a connection profile. Carries a profile name, never a secret.
 *
 * @param resetMappings  write the default mappings even where the profile has its own
 * @param startFullSync  end by starting {@code full-sync/<profile>}
 * @param salesOrders    the sales order integration to set up; null keeps the profile's
 * @param ownership      the ownership model to set up; null keeps the profile's
 * @param itemAvailability whether incremental syncs keep the inventory of coupled items current in Sales; null
 *                       keeps the profile's
 */
public record SetupRequest(String profile, boolean resetMappings, boolean startFullSync,
                           SalesOrderIntegration salesOrders, OwnershipModel ownership, Boolean itemAvailability) {

    public SetupRequest(String profile, boolean resetMappings, boolean startFullSync) {
        this(profile, resetMappings, startFullSync, null, null, null);
    }
}
