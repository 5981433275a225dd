package org.crmsync.workflows.setup;

import java.util.List;
import java.util.Map;

/**
 * A user's answer to the salespeople that did not match by e-mail.
 *
 * @param pairs salesperson code → the CRM user to couple it with, by e-mail or systemuserid
 * @param skip  salesperson codes to leave uncoupled (their customers then keep their owner)
 */
public record SalespersonPairing(Map<String, String> pairs, List<String> skip) {

    public SalespersonPairing {
        pairs = pairs == null ? Map.of() : Map.copyOf(pairs);
        skip = skip == null ? List.of() : List.copyOf(skip);
    }
}
