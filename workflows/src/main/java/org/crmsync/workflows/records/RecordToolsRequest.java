package org.crmsync.workflows.records;

import org.crmsync.workflows.plan.Direction;

/**
 * What a user asked of the coupling tools. Build it with the factory methods; fields an action does not
 * use are null.
 *
 * @param mapping the mapping; for the failure actions null means every mapping of the profile
 * @param winner  for {@link Action#COUPLE}: whose values the pair takes, BC's ({@link
 *                Direction#TO_INTEGRATION_TABLE}) or Dataverse's ({@link Direction#FROM_INTEGRATION_TABLE})
 * @param create  for {@link Action#COUPLE_BY_MATCH}: insert the records no match was found for
 */
public record RecordToolsRequest(Action action, String profile, String mapping, String bcId, String crmId,
                                 Direction winner, boolean create) {

    public enum Action {
        /** The failed and skipped records with their reasons. */
        LIST_FAILURES,
        /** Clears the skipped flags and synchronizes every failed record now. */
        RETRY_FAILURES,
        COUPLE,
        /** Couples every uncoupled record with the one its match fields agree with (bc-integration.md §7). */
        COUPLE_BY_MATCH,
        UNCOUPLE;

        /** Lower case with dashes, as in workflow ids. */
        public String slug() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public static RecordToolsRequest listFailures(String profile, String mapping) {
        return new RecordToolsRequest(Action.LIST_FAILURES, profile, mapping, null, null, null, false);
    }

    public static RecordToolsRequest retryFailures(String profile, String mapping) {
        return new RecordToolsRequest(Action.RETRY_FAILURES, profile, mapping, null, null, null, false);
    }

    public static RecordToolsRequest couple(String profile, String mapping, String bcId, String crmId,
                                            Direction winner) {
        return new RecordToolsRequest(Action.COUPLE, profile, mapping, bcId, crmId, winner, false);
    }

    public static RecordToolsRequest uncouple(String profile, String mapping, String bcId) {
        return new RecordToolsRequest(Action.UNCOUPLE, profile, mapping, bcId, null, null, false);
    }

    public static RecordToolsRequest coupleByMatch(String profile, String mapping, boolean create) {
        return new RecordToolsRequest(Action.COUPLE_BY_MATCH, profile, mapping, null, null, null, create);
    }
}
