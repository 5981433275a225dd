package org.crmsync.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts BC customers and vendors against Dataverse accounts of the same type independently of the
 * engine: straight from each emulator's admin API, over HTTP, by business key.
 *
 * @param what       what was counted, as a user would say it: "customers", "vendors"
 * @param records    BC records within the mapping's filter (not blocked)
 * @param accounts   Dataverse accounts of the matching type
 * @param missing    records with no account of the same number
 * @param duplicates account numbers held by more than one account
 */
public record Reconciliation(String what, long records, long accounts, long missing, long duplicates) {

    /** Dataverse's customertypecode of a customer and of a vendor account. */
    private static final int CUSTOMER_TYPE = 3;
    private static final int VENDOR_TYPE = 11;

    public boolean holds() {
        return missing == 0 && duplicates == 0 && records == accounts;
    }

    public static List<Reconciliation> of(String bcUrl, String dataverseUrl) {
        JsonNode accounts = rows(dataverseUrl + "/_admin/rows/accounts");
        return List.of(count("customers", rows(bcUrl + "/_admin/rows/customers"), accounts, CUSTOMER_TYPE),
                count("vendors", rows(bcUrl + "/_admin/rows/vendors"), accounts, VENDOR_TYPE));
    }

    private static Reconciliation count(String what, JsonNode records, JsonNode accounts, int accountType) {
        Set<String> numbers = new HashSet<>();
        for (JsonNode record : records) {
            if (record.path("blocked").asText().isBlank()) {
                numbers.add(record.path("number").asText());
            }
        }
        Map<String, Integer> accountNumbers = new HashMap<>();
        long ofType = 0;
        for (JsonNode account : accounts) {
            if (account.path("customertypecode").asInt() == accountType) {
                ofType++;
                accountNumbers.merge(account.path("accountnumber").asText(), 1, Integer::sum);
            }
        }
        long missing = numbers.stream().filter(number -> !accountNumbers.containsKey(number)).count();
        long duplicates = accountNumbers.values().stream().filter(count -> count > 1).count();
        return new Reconciliation(what, numbers.size(), ofType, missing, duplicates);
    }

    @Override
    public String toString() {
        return String.format("Reconciliation: %,d BC %s (not blocked), %,d Dataverse accounts of that type, %,d missing, "
                + "%,d duplicated — %s", records, what, accounts, missing, duplicates, holds() ? "holds" : "DOES NOT HOLD");
    }

    private static JsonNode rows(String url) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
            return new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading " + url, e);
        }
    }
}
