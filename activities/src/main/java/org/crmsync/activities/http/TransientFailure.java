package org.crmsync.activities.http;

/** A server error, timeout or dropped connection: the same request may well succeed later. */
public class TransientFailure extends RuntimeException {

    public TransientFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
