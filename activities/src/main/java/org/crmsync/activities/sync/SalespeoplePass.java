package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.crmsync.activities.http.ODataPage;
import org.crmsync.activities.http.RequestRejected;
import org.crmsync.activities.store.Coupling;
import org.crmsync.activities.store.IntegrationStore;

/**
 * SALESPEOPLE: Dataverse users → BC salespeople (bc-integration.md §2). Users are coupled with the
 * salesperson that has the same e-mail, compared without regard to case; a user with no such salesperson
 * is skipped until someone couples it by hand. Only licensed, enabled, non-integration users count.
 */
final class SalespeoplePass implements TablePass {

    static final String USER_FILTER = "isdisabled eq false and islicensed eq true and isintegrationuser eq false";
    private static final String USER_COLUMNS = "fullname,internalemailaddress,mobilephone,modifiedon";

    private final Connectors connectors;
    private final Map<String, String> salespersonByEmail = new HashMap<>();
    private final Set<String> coupledBcIds = new HashSet<>();

    SalespeoplePass(Connectors connectors, IntegrationStore store) {
        this.connectors = connectors;
        for (ObjectNode salesperson : connectors.bc().readAll("salespeoplePurchasers", null)) {
            String email = salesperson.path("email").asText("").toLowerCase(Locale.ROOT);
            if (!email.isBlank()) {
                salespersonByEmail.putIfAbsent(email, salesperson.path("id").asText());
            }
        }
        store.couplings(connectors.profile().name(), DefaultMappings.SALESPEOPLE).keySet().forEach(coupledBcIds::add);
    }

    @Override
    public ODataPage firstPage(int pageSize) {
        return connectors.dataverse().firstPage("systemusers", USER_FILTER, USER_COLUMNS, pageSize);
    }

    @Override
    public ODataPage nextPage(String nextLink, int pageSize) {
        return connectors.dataverse().nextPage(nextLink, pageSize);
    }

    @Override
    public boolean sourceIsDataverse() {
        return true;
    }

    @Override
    public String sourceId(ObjectNode row) {
        return row.get("systemuserid").asText();
    }

    @Override
    public String sourceKey(ObjectNode row) {
        return row.path("internalemailaddress").asText(sourceId(row));
    }

    @Override
    public Instant sourceModifiedOn(ObjectNode row) {
        return Instant.parse(row.get("modifiedon").asText());
    }

    @Override
    public String match(ObjectNode row) {
        String bcId = salespersonByEmail.get(row.path("internalemailaddress").asText("").toLowerCase(Locale.ROOT));
        return bcId != null && coupledBcIds.add(bcId) ? bcId : null;
    }

    @Override
    public boolean insertsUncoupled() {
        return false;
    }

    @Override
    public ObjectNode transform(ObjectNode row) {
        ObjectNode salesperson = row.objectNode();
        salesperson.put("displayName", row.path("fullname").asText(""));
        salesperson.put("email", row.path("internalemailaddress").asText(""));
        salesperson.put("phoneNo", row.path("mobilephone").asText(""));
        return salesperson;
    }

    @Override
    public List<WriteOutcome> write(List<PendingWrite> writes) {
        List<WriteOutcome> outcomes = new ArrayList<>();
        for (PendingWrite write : writes) {
            try {
                ObjectNode updated = connectors.bc().update("salespeoplePurchasers", write.destinationId(), write.body());
                outcomes.add(WriteOutcome.written(write, Instant.parse(updated.path("lastModifiedDateTime").asText())));
            } catch (RequestRejected refused) {
                outcomes.add(WriteOutcome.refused(write, refused.getMessage()));
            }
        }
        return outcomes;
    }

    @Override
    public Coupling couplingAfter(WriteOutcome outcome) {
        PendingWrite write = outcome.write();
        return new Coupling(write.destinationId(), write.sourceId(), outcome.destinationModifiedOn(),
                write.sourceModifiedOn());
    }
}
