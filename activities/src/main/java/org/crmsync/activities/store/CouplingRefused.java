package org.crmsync.activities.store;

/** A coupling asked for by hand that cannot be made: a record is coupled already, or does not exist. */
public final class CouplingRefused extends RuntimeException {

    public CouplingRefused(String message) {
        super(message);
    }
}
