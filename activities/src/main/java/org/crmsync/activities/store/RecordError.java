package org.crmsync.activities.store;

/** A record a page could not synchronize: its business key, both ids where known, and why. */
public record RecordError(String sourceKey, String sourceId, String destinationId, String message) {
}
