package org.crmsync.workflows.setup;

/**
 * Input of a setup step. Carries a profile name, never a secret.
 *
 * @param resetMappings write the default mappings over the profile's own (BC's Use Default Synchronization Setup)
 * @param jobId         the job that couples salespeople by e-mail; the same id makes a retried step continue it
 * @param salesOrders   the sales order integration the mappings are written for; null keeps the profile's
 * @param ownership     the ownership model the mappings are written for; null keeps the profile's
 * @param itemAvailability the item availability option to set; null keeps the profile's
 */
public record SetupStepRequest(String profile, boolean resetMappings, String jobId,
                               SalesOrderIntegration salesOrders, OwnershipModel ownership, Boolean itemAvailability) {
}
