package org.crmsync.activities.http;

/** A profile or mapping that cannot work as configured; the message says what to change. */
public class ConfigurationFailure extends RuntimeException {

    public ConfigurationFailure(String message) {
        super(message);
    }
}
