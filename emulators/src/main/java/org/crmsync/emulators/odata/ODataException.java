package org.crmsync.emulators.odata;

/** A request the service refuses; each emulator renders it in its own error format. */
public class ODataException extends RuntimeException {

    private final int status;
    private final String code;
    private final long retryAfterSeconds;

    public ODataException(int status, String code, String message) {
        this(status, code, message, 0);
    }

    /** @param retryAfterSeconds sent as {@code Retry-After} when positive */
    public ODataException(int status, String code, String message, long retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
