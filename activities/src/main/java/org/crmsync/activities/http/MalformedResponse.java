package org.crmsync.activities.http;

/**
 * A read answered with a body that is not the JSON it should be, every time it was tried: the service, or a
 * proxy in between, misbehaves. Nothing was written on its account; the sync stops with this message and
 * resumes from its last committed page once the service answers properly.
 */
public final class MalformedResponse extends RuntimeException {

    public MalformedResponse(String message, Throwable cause) {
        super(message, cause);
    }
}
