package org.crmsync.activities.http;

import java.time.Duration;

/** The service asked us to slow down (HTTP 429); try again after {@link #retryAfter()}. */
public class ThrottledFailure extends RuntimeException {

    private final Duration retryAfter;

    public ThrottledFailure(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
