package org.crmsync.starter;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code --profile}: the connection profile a command works on. */
public class ProfileOption {

    @Option(names = "--profile", defaultValue = "default", scope = ScopeType.INHERIT, description = "connection profile (default: ${DEFAULT-VALUE})")
    String name;

    public String name() {
        return name;
    }
}
