package org.crmsync.emulators.dataverse;

import java.util.LinkedHashMap;
import java.util.Map;

/** The options of a choice (picklist) column; customizers may add values, as BC's setup does for payment terms. */
final class OptionSet {

    /** Values a customizer adds start here: the default publisher's option value prefix. */
    private static final int CUSTOM_START = 100_000_000;

    private final Map<Integer, String> options = new LinkedHashMap<>();
    /** The options a new organization has, which a reset returns to. */
    private final Map<Integer, String> defaults = new LinkedHashMap<>();

    OptionSet(String... labels) {
        for (int i = 0; i < labels.length; i++) {
            defaults.put(i + 1, labels[i]);
        }
        options.putAll(defaults);
    }

    synchronized void reset() {
        options.clear();
        options.putAll(defaults);
    }

    synchronized boolean contains(int value) {
        return options.containsKey(value);
    }

    synchronized Map<Integer, String> options() {
        return new LinkedHashMap<>(options);
    }

    /** Adds {@code label}, with {@code value} or the next free custom value; returns the value. */
    synchronized int insert(Integer value, String label) {
        if (value != null && options.containsKey(value)) {
            throw new IllegalArgumentException("The option value " + value + " already exists.");
        }
        int chosen = value != null ? value
                : options.keySet().stream().filter(v -> v >= CUSTOM_START).max(Integer::compare).map(v -> v + 1)
                        .orElse(CUSTOM_START);
        options.put(chosen, label);
        return chosen;
    }

    /** Gives the existing {@code value} a new label. */
    synchronized void relabel(int value, String label) {
        if (!options.containsKey(value)) {
            throw new IllegalArgumentException("The option value " + value + " does not exist.");
        }
        options.put(value, label);
    }
}
