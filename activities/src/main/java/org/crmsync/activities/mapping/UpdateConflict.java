package org.crmsync.activities.mapping;

/**
 * What a sync does when a coupled record changed on both sides and a bidirectional field differs (BC's
 * enum 5338, bc-integration.md §6, per record, step 4).
 */
public enum UpdateConflict {
    /** The record fails with the fields that differ, until a user edits one side or picks a resolution. */
    NONE,
    /** Business Central wins: its values are written to Dataverse and the Dataverse change is overwritten. */
    SEND_UPDATE_TO_INTEGRATION,
    /** Dataverse wins: its values are written to Business Central. */
    GET_UPDATE_FROM_INTEGRATION
}
