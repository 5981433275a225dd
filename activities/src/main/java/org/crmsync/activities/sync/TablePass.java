package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.crmsync.activities.http.ODataPage;
import org.crmsync.activities.store.Coupling;

/**
 * One mapping synchronized in one direction: how to read the source, match, transform and write. The
 * decisions that are the same for every mapping (changed or not, insert or modify, counting, committing)
 * live in {@link ChunkRunner}.
 */
interface TablePass {

    ODataPage firstPage(int pageSize);

    ODataPage nextPage(String nextLink, int pageSize);

    /** Whether the source is Dataverse (couplings are then looked up by CRM id). */
    boolean sourceIsDataverse();

    String sourceId(ObjectNode row);

    /** The business key a user recognises: a customer number, a currency code, an e-mail. */
    String sourceKey(ObjectNode row);

    Instant sourceModifiedOn(ObjectNode row);

    /** An uncoupled destination row that matches {@code row} by the mapping's match field; null if none. */
    default String match(ObjectNode row) {
        return null;
    }

    /** Whether an uncoupled record that matched nothing is inserted (false: it is skipped). */
    default boolean insertsUncoupled() {
        return true;
    }

    /** The destination fields for {@code row}. */
    ObjectNode transform(ObjectNode row) throws RecordFailure;

    /** Writes the page's changes; a record the destination refuses is an outcome, not an exception. */
    List<WriteOutcome> write(List<PendingWrite> writes);

    /** The coupling a successful write leaves behind. */
    Coupling couplingAfter(WriteOutcome outcome);
}
