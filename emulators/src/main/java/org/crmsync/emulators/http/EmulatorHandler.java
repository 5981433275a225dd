package org.crmsync.emulators.http;

/** One emulated service: turns every request it receives into a response. */
public interface EmulatorHandler {

    EmulatorResponse handle(EmulatorRequest request);
}
