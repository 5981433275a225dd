package org.crmsync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.crmsync.activities.store.Coupling;
import org.crmsync.activities.store.FailedRecord;
import org.crmsync.emulators.auth.TokenService;
import org.crmsync.emulators.seed.DemoCompany;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.review.LineStatus;
import org.crmsync.workflows.review.SyncResult;
import org.crmsync.workflows.sync.JobCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * New pricing over HTTP (bc-integration.md §2): BC's sales price lists become Dataverse price lists in their
 * currency, and their item lines price list items that point at the coupled price list, product and unit.
 */
class PriceListsOverHttpTest {

    @Test
    void salesPriceListsAndTheirItemLinesArriveCoupledToWhatTheyReferTo(@TempDir Path store) {
        try (SyncOverHttp it = new SyncOverHttp(100, store);
             CrmSyncWorker worker = it.worker(TokenService.DEMO_CLIENT_SECRET)) {
            SyncResult result = it.fullSync("");

            assertEquals(LineStatus.FINISHED, SyncOverHttp.line(result, "PLLINE-PRODPRICE").status());
            Map<String, Coupling> headers = worker.store().couplings(SyncOverHttp.PROFILE, "PLHEADER-PRICE");
            Map<String, Coupling> items = worker.store().couplings(SyncOverHttp.PROFILE, "ITEM-PRODUCT");
            Map<String, Coupling> currencies = worker.store().couplings(SyncOverHttp.PROFILE, "CURRENCY");
            Map<String, ObjectNode> levels = SyncOverHttp.byKey(it.emulators.dataverse().rows("pricelevels"), "pricelevelid");
            String localCurrency = it.emulators.dataverse().rows("transactioncurrencies").stream()
                    .filter(c -> c.path("isocurrencycode").asText().equals(DemoCompany.LOCAL_CURRENCY)).findFirst()
                    .orElseThrow().path("transactioncurrencyid").asText();
            Map<String, ObjectNode> currencyByCode = SyncOverHttp.byKey(it.bcRows("currencies"), "code");
            List<ObjectNode> lists = it.bcRows("priceListHeaders");
            assertEquals(lists.size(), headers.size(), "every sales price list is coupled");
            for (ObjectNode list : lists) {
                ObjectNode level = levels.get(headers.get(list.path("id").asText()).crmId());
                assertEquals(list.path("code").asText(), level.path("name").asText());
                String currency = list.path("currencyCode").asText();
                assertEquals(currency.isEmpty() ? localCurrency
                                : currencies.get(currencyByCode.get(currency).path("id").asText()).crmId(),
                        level.path("_transactioncurrencyid_value").asText(), "a blank currency is the local one");
            }

            Map<String, ObjectNode> itemByNumber = SyncOverHttp.byKey(it.bcRows("items"), "number");
            Map<String, ObjectNode> listByCode = SyncOverHttp.byKey(lists, "code");
            Map<String, ObjectNode> prices = SyncOverHttp.byKey(it.emulators.dataverse().rows("productpricelevels"),
                    "productpricelevelid");
            Map<String, String> baseUnitBySchedule = it.emulators.dataverse().rows("uoms").stream()
                    .filter(u -> u.path("isschedulebaseuom").asBoolean())
                    .collect(Collectors.toMap(u -> u.path("_uomscheduleid_value").asText(), u -> u.path("uomid").asText()));
            Map<String, Coupling> lines = worker.store().couplings(SyncOverHttp.PROFILE, "PLLINE-PRODPRICE");
            List<FailedRecord> failed = worker.store().failures(SyncOverHttp.PROFILE, "PLLINE-PRODPRICE",
                    Direction.TO_INTEGRATION_TABLE);
            // only a line of a blocked item, which ITEM-PRODUCT leaves out, may fail
            failed.forEach(failure -> assertTrue(failure.message().startsWith("Asset No " + failure.sourceKey()
                    + " must be coupled") && itemBlocked(it, failure.sourceKey()), failure.message()));
            int checked = 0;
            for (ObjectNode line : it.bcRows("priceListLines")) {
                Coupling coupling = lines.get(line.path("id").asText());
                if (coupling == null) {
                    assertTrue(failed.stream().anyMatch(f -> f.sourceId().equals(line.path("id").asText())),
                            "a line neither coupled nor failed: " + line);
                    continue;
                }
                ObjectNode price = prices.get(coupling.crmId());
                assertNotNull(price, "the coupled price list item exists");
                ObjectNode item = itemByNumber.get(line.path("assetNo").asText());
                assertEquals(headers.get(listByCode.get(line.path("priceListCode").asText()).path("id").asText()).crmId(),
                        price.path("_pricelevelid_value").asText());
                assertEquals(items.get(item.path("id").asText()).crmId(), price.path("_productid_value").asText());
                assertEquals(baseUnitBySchedule.get(price.path("_uomscheduleid_value").asText()),
                        price.path("_uomid_value").asText(), "the unit is the base unit of the item's unit group");
                assertEquals(0, line.path("unitPrice").decimalValue().compareTo(new BigDecimal(price.path("amount").asText())));
                assertEquals(1, price.path("pricingmethodcode").asInt(), "Currency Amount");
                checked++;
            }
            assertTrue(checked > 20, "the demo company prices every item in its local list: " + checked);

            // a changed price reaches its price list item on the next incremental sync
            ObjectNode line = it.bcRows("priceListLines").stream().filter(l -> lines.containsKey(l.path("id").asText()))
                    .findFirst().orElseThrow();
            it.editInBusinessCentral("priceListLines", line.path("id").asText(), Map.of("unitPrice", 123.45));
            JobCounters counters = it.incremental(worker, "PLLINE-PRODPRICE", "price-change");
            assertEquals(1, counters.modified(), counters.toString());
            ObjectNode price = SyncOverHttp.byKey(it.emulators.dataverse().rows("productpricelevels"), "productpricelevelid")
                    .get(lines.get(line.path("id").asText()).crmId());
            assertEquals(0, new BigDecimal("123.45").compareTo(new BigDecimal(price.path("amount").asText())));
        }
    }

    private static boolean itemBlocked(SyncOverHttp it, String number) {
        return it.bcRows("items").stream().anyMatch(i -> i.path("number").asText().equals(number)
                && i.path("blocked").asBoolean());
    }
}
