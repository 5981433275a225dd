package org.crmsync.activities.store;

/** The store could not be read or written. */
public class StoreFailure extends RuntimeException {

    public StoreFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
