package org.crmsync.starter;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Where the Temporal server is: {@code --temporal}, else {@code TEMPORAL_ADDRESS}. */
public class TemporalOptions {

    static final String LOCAL_SERVER = "127.0.0.1:7233";

    @Option(names = "--temporal", paramLabel = "HOST:PORT", scope = ScopeType.INHERIT,
            description = "Temporal server address (default: $TEMPORAL_ADDRESS, else " + LOCAL_SERVER + ")")
    String address;

    /** The address to use, or null when none was given anywhere. */
    public String address() {
        return given(address);
    }

    /** A client of the given server, or of a local dev server's default address. */
    public TemporalSession connect() {
        return TemporalSession.open(resolve(address));
    }

    /** The server a command talks to with {@code --temporal option}: that, else $TEMPORAL_ADDRESS, else a local one. */
    static String resolve(String option) {
        String given = given(option);
        return given == null ? LOCAL_SERVER : given;
    }

    private static String given(String option) {
        if (option != null && !option.isBlank()) {
            return option;
        }
        String fromEnvironment = System.getenv("TEMPORAL_ADDRESS");
        return fromEnvironment == null || fromEnvironment.isBlank() ? null : fromEnvironment;
    }
}
