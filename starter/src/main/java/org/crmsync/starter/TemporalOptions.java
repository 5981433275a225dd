package org.crmsync.starter;

import picocli.CommandLine.Option;

/** Where the Temporal server is: {@code --temporal}, else {@code TEMPORAL_ADDRESS}. */
public class TemporalOptions {

    @Option(names = "--temporal", paramLabel = "HOST:PORT",
            description = "Temporal server address (default: $TEMPORAL_ADDRESS)")
    String address;

    /** The address to use, or null when none was given anywhere. */
    public String address() {
        if (address != null && !address.isBlank()) {
            return address;
        }
        String fromEnvironment = System.getenv("TEMPORAL_ADDRESS");
        return fromEnvironment == null || fromEnvironment.isBlank() ? null : fromEnvironment;
    }
}
