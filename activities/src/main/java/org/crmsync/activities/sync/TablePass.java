package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.crmsync.activities.mapping.TableMapping;
import org.crmsync.activities.store.Coupling;

/**
 * One mapping synchronized in one direction: where records come from and go, how to match, transform and
 * write them. The decisions that are the same for every mapping (changed or not, insert or modify, retry,
 * skip, deletion conflicts, counting, committing) live in {@link ChunkRunner}.
 */
interface TablePass {

    TableMapping mapping();

    RecordSide source();

    RecordSide destination();

    /** Whether the source is Dataverse (couplings are then looked up by CRM id). */
    boolean sourceIsDataverse();

    /** The business key a user recognises: a customer number, a currency code, an e-mail. */
    String sourceKey(ObjectNode row);

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
