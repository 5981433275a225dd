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
    private final boolean resent;

    public RequestRejected(int status, String code, String message) {
        this(status, code, message, false);
    }

    private RequestRejected(int status, String code, String message, boolean resent) {
        super(message);
        this.status = status;
        this.code = code;
        this.resent = resent;
    }

    /** The same refusal of a request that had been sent before without an answer. */
    RequestRejected asResent() {
        return new RequestRejected(status, code, getMessage(), true);
    }

    /**
     * Whether the request had been sent before and its answer never came (a 5xx, a timeout, a lost connection):
     * what the service refuses may then be the first sending's own effect, such as a conflict with an update that
     * did happen.
     */
    public boolean resent() {
        return resent;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
