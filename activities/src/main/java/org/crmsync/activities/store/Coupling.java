package org.crmsync.activities.store;

import java.time.Instant;

/**
 * A BC record coupled with a Dataverse row.
 *
 * @param bcModifiedOn  BC's lastModifiedDateTime when the pair was last synchronized; null if never
 * @param crmModifiedOn Dataverse's modifiedon when the pair was last synchronized; null if never
 * @param crmVersion    Dataverse's versionnumber then, which tells edits within one second apart; null if
 *                      not known (after the integration itself wrote the row)
 */
public record Coupling(String bcId, String crmId, Instant bcModifiedOn, Instant crmModifiedOn, Long crmVersion) {
}
