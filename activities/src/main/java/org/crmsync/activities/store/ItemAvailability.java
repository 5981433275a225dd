package org.crmsync.activities.store;

/**
 * A profile's item availability option (architecture §4, bc-integration.md §2): whether its incremental syncs
 * bring the inventory of coupled items up to date in Dataverse, and how far they have read BC's item ledger.
 *
 * @param lastEntryNumber the last item ledger entry read; null before the first refresh, which refreshes every
 *                        coupled item
 */
public record ItemAvailability(boolean enabled, Long lastEntryNumber) {

    public static final ItemAvailability OFF = new ItemAvailability(false, null);
}
