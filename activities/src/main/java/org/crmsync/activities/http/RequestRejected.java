package org.crmsync.activities.http;

/**
 * The service refused a request for what it contained (a 4xx other than 401 and 429): for a record
 * write this is a per-record failure, never a reason to fail the page.
 *
 * @see #code() the service's own error code, such as {@code 0x80044331} or {@code BadRequest_NotFound}
 */
public class RequestRejected extends RuntimeException {

    private final int status;
    private final String code;

    public RequestRejected(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
