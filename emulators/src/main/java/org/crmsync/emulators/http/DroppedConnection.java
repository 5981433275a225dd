package org.crmsync.emulators.http;

/** Thrown by a handler to have the server close the connection without answering, as a failing network does. */
public final class DroppedConnection extends RuntimeException {

    public DroppedConnection() {
        super("connection dropped on purpose", null, false, false);
    }
}
