package org.crmsync.emulators.odata;

/** A request the service refuses; each emulator renders it in its own error format. */
public class ODataException extends RuntimeException {

    private final int status;
    private final String code;

    public ODataException(int status, String code, String message) {
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
