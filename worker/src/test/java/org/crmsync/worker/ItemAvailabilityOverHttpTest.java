package org.crmsync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.crmsync.activities.store.Coupling;
import org.crmsync.activities.store.FailedRecord;
import org.crmsync.emulators.UserEdits;
import org.crmsync.emulators.auth.TokenService;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.plan.SyncPlan;
import org.crmsync.workflows.review.IncrementalSyncWorkflow;
import org.crmsync.workflows.review.LineStatus;
import org.crmsync.workflows.review.ReviewLine;
import org.crmsync.workflows.review.SyncRequest;
import org.crmsync.workflows.review.SyncResult;
import org.crmsync.workflows.review.SyncStatus;
import org.crmsync.workflows.setup.OwnershipModel;
import org.crmsync.workflows.setup.SetupProgress;
import org.crmsync.workflows.setup.SetupRequest;
import org.crmsync.workflows.setup.SetupStep;
import org.crmsync.workflows.setup.SetupWorkflow;
import org.crmsync.workflows.setup.StepStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The item availability option over HTTP (architecture §4, bc-integration.md §2): BC's postings move an item's
 * inventory without modifying the item, so incremental ITEM-PRODUCT jobs never see them; with the option set by
 * the setup guide, each sync's ITEM AVAILABILITY line reads the new ledger entries and writes those items'
 * inventory to their products, and a product that refuses it is a failure of its item that the mapping retries.
 */
class ItemAvailabilityOverHttpTest {

    private static final String ITEM_PRODUCT = "ITEM-PRODUCT";

    @Test
    void postedInventoryReachesTheProductsOnlyWithTheOption(@TempDir Path store) {
        try (SyncOverHttp it = new SyncOverHttp(60, store);
             CrmSyncWorker worker = it.worker(TokenService.DEMO_CLIENT_SECRET, SyncOverHttp.withAdministrator(Map.of()))) {
            // Team ownership: no salesperson to pair, so the guide runs through to its full sync
            SetupWorkflow setup = it.env.getWorkflowClient().newWorkflowStub(SetupWorkflow.class,
                    WorkflowOptions.newBuilder().setWorkflowId("setup/" + SyncOverHttp.PROFILE).setTaskQueue("crmsync")
                            .build());
            WorkflowClient.start(setup::run, new SetupRequest(SyncOverHttp.PROFILE, false, true, null,
                    OwnershipModel.TEAM, true));
            SetupProgress done = WorkflowStub.fromTyped(setup).getResult(SetupProgress.class);
            assertEquals(StepStatus.DONE, done.status(), done.toString());
            String options = done.steps().get(SetupStep.DEFAULT_MAPPINGS.ordinal()).message();
            assertTrue(options.endsWith("item availability: on"), options);

            SyncResult full = it.env.getWorkflowClient().newUntypedWorkflowStub("full-sync/" + SyncOverHttp.PROFILE)
                    .getResult(SyncResult.class);
            Map<String, Coupling> products = worker.store().couplings(SyncOverHttp.PROFILE, ITEM_PRODUCT);
            ReviewLine first = SyncOverHttp.line(full, SyncPlan.ITEM_AVAILABILITY);
            assertEquals(LineStatus.FINISHED, first.status());
            assertEquals(products.size(), first.counters().modified(), "the first refresh writes every coupled item's");

            List<ObjectNode> stocked = it.bcRows("items").stream()
                    .filter(item -> item.path("type").asText().equals("Inventory")
                            && products.containsKey(item.path("id").asText())).toList();
            ObjectNode restocked = stocked.get(0);
            ObjectNode oversold = stocked.get(1);
            post(it, restocked, BigDecimal.valueOf(25));
            post(it, oversold, oversold.path("inventory").decimalValue().add(BigDecimal.TEN).negate());

            SyncResult incremental = incremental(it, "1");

            assertEquals(SyncStatus.FINISHED, incremental.status());
            assertEquals(0, SyncOverHttp.line(incremental, ITEM_PRODUCT).counters().modified(),
                    "a posting does not modify the item: the mapping alone would leave the products behind");
            assertEquals(2, SyncOverHttp.line(incremental, SyncPlan.ITEM_AVAILABILITY).counters().modified());
            assertEquals(0, restocked.path("inventory").decimalValue().add(BigDecimal.valueOf(25))
                    .compareTo(quantityOnHand(it, products, restocked)));
            assertEquals(0, BigDecimal.ZERO.compareTo(quantityOnHand(it, products, oversold)),
                    "a negative inventory is 0 in Sales, as the mapping writes it");

            // a product deleted in Sales refuses the write: its item fails in ITEM-PRODUCT, with its number
            String gone = products.get(restocked.path("id").asText()).crmId();
            it.deleteInDataverse("products", gone);
            post(it, restocked, BigDecimal.ONE);
            ReviewLine refused = SyncOverHttp.line(incremental(it, "2"), SyncPlan.ITEM_AVAILABILITY);
            assertEquals(1, refused.counters().failed(), refused.toString());
            FailedRecord failure = worker.store().failures(SyncOverHttp.PROFILE, ITEM_PRODUCT,
                    Direction.TO_INTEGRATION_TABLE).get(0);
            assertEquals(restocked.path("number").asText(), failure.sourceKey());
            assertTrue(failure.message().startsWith("Item availability: the product refused its quantity on hand"),
                    failure.message());

            // without the option the line is gone, and so is the refresh
            worker.store().enableItemAvailability(SyncOverHttp.PROFILE, false);
            BigDecimal before = quantityOnHand(it, products, oversold);
            post(it, oversold, BigDecimal.valueOf(40));
            SyncResult off = incremental(it, "3");
            assertTrue(off.lines().stream().noneMatch(line -> line.name().equals(SyncPlan.ITEM_AVAILABILITY)));
            assertEquals(0, before.compareTo(quantityOnHand(it, products, oversold)));
        }
    }

    /** Posts an item journal line in BC as a user would. */
    private static void post(SyncOverHttp it, ObjectNode item, BigDecimal quantity) {
        new UserEdits(it.emulators.bcUrl()).create("itemLedgerEntries",
                Map.of("itemNumber", item.path("number").asText(), "quantity", quantity));
    }

    private static SyncResult incremental(SyncOverHttp it, String run) {
        IncrementalSyncWorkflow sync = it.env.getWorkflowClient().newWorkflowStub(IncrementalSyncWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId("incremental/" + SyncOverHttp.PROFILE + "/" + run)
                        .setTaskQueue("crmsync").build());
        return sync.run(SyncRequest.of(SyncOverHttp.PROFILE));
    }

    private static BigDecimal quantityOnHand(SyncOverHttp it, Map<String, Coupling> products, ObjectNode item) {
        String productId = products.get(item.path("id").asText()).crmId();
        return it.emulators.dataverse().rows("products").stream()
                .filter(product -> product.path("productid").asText().equals(productId)).findFirst().orElseThrow()
                .path("quantityonhand").decimalValue();
    }
}
