package org.crmsync.workflows.sync;

import java.util.List;

/** Removes the couplings of BC records (BC's Delete Couplings); the records themselves stay. */
public record UncoupleRequest(String profile, String mapping, List<String> bcIds) {
}
