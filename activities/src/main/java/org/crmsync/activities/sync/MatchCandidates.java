package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * Destination rows an uncoupled page may match, read without the mapping's filter, and the ids of those the
 * filter leaves out. A record that matches one of those must neither be coupled with it (the mapping
 * excludes it) nor inserted (it would be a duplicate): it fails with the reason.
 */
record MatchCandidates(List<ObjectNode> rows, Set<String> outsideFilter) {
}
