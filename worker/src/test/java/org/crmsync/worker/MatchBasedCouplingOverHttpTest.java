package org.crmsync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.client.WorkflowOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.crmsync.emulators.auth.TokenService;
import org.crmsync.emulators.seed.DemoCompany;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.records.RecordToolsRequest;
import org.crmsync.workflows.records.RecordToolsResult;
import org.crmsync.workflows.records.RecordToolsWorkflow;
import org.crmsync.workflows.tablesync.TableSyncRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Match-based coupling (bc-integration.md §7) through the record tools workflow, over HTTP: a CRM that holds
 * a quarter of the customers already, uncoupled, gets them coupled by number; only with Create New are the
 * others inserted.
 */
class MatchBasedCouplingOverHttpTest {

    private static final int ACCOUNT_CUSTOMER = 3;

    @Test
    void matchingCouplesTheCustomersDataverseHasAndInsertsTheRestOnlyWhenAskedTo(@TempDir Path store) {
        try (SyncOverHttp it = new SyncOverHttp(new DemoCompany.Options(200, 7, 0.25), store);
             CrmSyncWorker worker = it.worker(TokenService.DEMO_CLIENT_SECRET)) {
            // the lookups a customer needs resolve through these couplings
            it.tableSync(TableSyncRequest.start(SyncOverHttp.PROFILE, "SALESPEOPLE", Direction.FROM_INTEGRATION_TABLE,
                    "salespeople", true, false));
            for (String parent : List.of("CURRENCY", "PAYMENT TERMS", "SHIPMENT METHOD")) {
                it.tableSync(TableSyncRequest.start(SyncOverHttp.PROFILE, parent, Direction.TO_INTEGRATION_TABLE,
                        parent, true, false));
            }
            Set<String> inCrm = it.accountsOfType(ACCOUNT_CUSTOMER).keySet();
            Set<String> unblocked = it.unblocked("customers").stream().map(c -> c.path("number").asText())
                    .collect(Collectors.toSet());
            long expected = unblocked.stream().filter(inCrm::contains).count();
            assertTrue(expected > 10, "the demo company puts a quarter of the customers in Dataverse");

            RecordToolsResult matched = run(it, RecordToolsRequest.coupleByMatch(SyncOverHttp.PROFILE, "CUSTOMER", false),
                    "match");
            assertEquals(expected, matched.counters().coupled());
            assertEquals(0, matched.counters().inserted());
            assertEquals(inCrm, it.accountsOfType(ACCOUNT_CUSTOMER).keySet(), "no account was created");
            assertEquals(expected, worker.store().couplings(SyncOverHttp.PROFILE, "CUSTOMER").size());
            for (ObjectNode customer : it.unblocked("customers")) {
                if (inCrm.contains(customer.path("number").asText())) {
                    assertEquals(customer.path("displayName").asText(), it.accountsOfType(ACCOUNT_CUSTOMER)
                            .get(customer.path("number").asText()).path("name").asText(), "the pair took BC's values");
                    break;
                }
            }

            RecordToolsResult created = run(it, RecordToolsRequest.coupleByMatch(SyncOverHttp.PROFILE, "CUSTOMER", true),
                    "create");
            assertEquals(unblocked.size() - expected, created.counters().inserted(), "and no BC customer was created");
            assertTrue(it.accountsOfType(ACCOUNT_CUSTOMER).keySet().containsAll(unblocked), "every customer is there once");

            // an account of a blocked customer matches it, outside the filter: neither coupled nor duplicated in BC
            Set<String> blockedInCrm = it.emulators.bc().rows(DemoCompany.COMPANY_ID, "customers").stream()
                    .map(c -> c.path("number").asText()).filter(n -> !unblocked.contains(n) && inCrm.contains(n))
                    .collect(Collectors.toSet());
            assertTrue(!blockedInCrm.isEmpty(), "the seed put some blocked customers in Dataverse too");
            assertEquals(200, it.emulators.bc().rows(DemoCompany.COMPANY_ID, "customers").size());
            assertEquals(blockedInCrm, worker.store().failures(SyncOverHttp.PROFILE, "CUSTOMER",
                            Direction.FROM_INTEGRATION_TABLE).stream().filter(f -> f.message().contains("filter leaves out"))
                    .map(f -> f.sourceKey()).collect(Collectors.toSet()));
        }
    }

    private static RecordToolsResult run(SyncOverHttp it, RecordToolsRequest request, String id) {
        return it.env.getWorkflowClient().newWorkflowStub(RecordToolsWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId("records/" + SyncOverHttp.PROFILE + "/" + id).setTaskQueue("crmsync").build())
                .run(request);
    }
}
