package org.crmsync.emulators.seed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.crmsync.emulators.bc.BusinessCentralEmulator;

/**
 * Hands seed rows to Business Central a batch per entity set at a time, which loads far faster than one row
 * at a time (see {@code EntityTable.Bulk}). Rows are not readable until {@link #flush()}.
 */
final class BcSeedBuffer {

    private static final int BATCH = 50_000;

    private final BusinessCentralEmulator bc;
    private final Consumer<String> counter;
    private final Map<String, BusinessCentralEmulator.SeedBatch> batches = new LinkedHashMap<>();

    BcSeedBuffer(BusinessCentralEmulator bc, Consumer<String> counter) {
        this.bc = bc;
        this.counter = counter;
    }

    void add(String set, ObjectNode row) {
        BusinessCentralEmulator.SeedBatch batch = batches.computeIfAbsent(set,
                name -> bc.seedBatch(DemoCompany.COMPANY_ID, name));
        batch.add(row);
        counter.accept(set);
        if (batch.size() == BATCH) {
            batch.store();
        }
    }

    /** Stores every pending row. */
    void flush() {
        batches.values().forEach(BusinessCentralEmulator.SeedBatch::store);
    }
}
