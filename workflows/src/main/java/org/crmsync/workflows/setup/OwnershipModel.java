package org.crmsync.workflows.setup;

/**
 * Who owns the rows the integration creates in Dataverse, the setup guide's option of bc-integration.md §1 and §8.
 */
public enum OwnershipModel {
    /** Each row's owner is the user coupled with the record's salesperson: SALESPEOPLE syncs, and owners follow. */
    PERSON,
    /**
     * Rows belong to the integration's team, the default team of the integration user's business unit: no
     * SALESPEOPLE mapping, and an owner is written only when a row is created.
     */
    TEAM
}
