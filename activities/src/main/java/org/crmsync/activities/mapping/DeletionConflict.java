package org.crmsync.activities.mapping;

/**
 * What a sync does with a coupled record whose counterpart was deleted (BC's enum 5337, bc-integration.md §6.8).
 */
public enum DeletionConflict {
    /** The record fails with "coupled to a deleted record" until a user decides. */
    NONE,
    /** The coupling is removed; the record stays uncoupled. */
    REMOVE_COUPLING,
    /** The counterpart is created again and the record coupled with it. */
    RESTORE_RECORDS
}
