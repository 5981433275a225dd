package org.crmsync.activities.http;

/** A credential the service refuses. Retrying cannot help: the message names the setting to fix. */
public class AuthenticationFailure extends RuntimeException {

    public AuthenticationFailure(String message) {
        super(message);
    }
}
