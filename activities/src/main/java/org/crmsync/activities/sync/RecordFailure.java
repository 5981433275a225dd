package org.crmsync.activities.sync;

/** A record that cannot be synchronized as it is, such as a lookup to an uncoupled record. */
public class RecordFailure extends RuntimeException {

    public RecordFailure(String message) {
        super(message);
    }
}
