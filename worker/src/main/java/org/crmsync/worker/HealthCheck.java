package org.crmsync.worker;

/**
 * How one part of a worker stands, as its health endpoint reports it.
 *
 * @param problem why the part is down, in words an operator can act on; null when it is up
 */
public record HealthCheck(String name, String problem) {

    static HealthCheck up(String name) {
        return new HealthCheck(name, null);
    }

    public boolean up() {
        return problem == null;
    }
}
