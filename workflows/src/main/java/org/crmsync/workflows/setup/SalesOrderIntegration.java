package org.crmsync.workflows.setup;

/**
 * How sales orders are integrated, the setup guide's option of bc-integration.md §8 (the two are mutually
 * exclusive): BC's released orders go to Dataverse one way, or orders also come from Dataverse once submitted.
 */
public enum SalesOrderIntegration {
    /** SALESORDER-ORDER one way, BC → Dataverse: released orders. */
    LEGACY,
    /** SALESORDER-ORDER both ways: orders submitted in Sales become BC orders with their lines. */
    BIDIRECTIONAL
}
