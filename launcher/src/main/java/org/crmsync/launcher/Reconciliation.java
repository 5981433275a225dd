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
import java.util.Map;
import java.util.Set;

/**
 * Counts BC customers and Dataverse accounts independently of the engine: straight from each emulator's
 * admin API, over HTTP, by business key.
 *
 * @param customers  BC customers within the CUSTOMER mapping's filter (not blocked)
 * @param accounts   Dataverse accounts
 * @param missing    customers with no account of the same number
 * @param duplicates account numbers held by more than one account
 */
public record Reconciliation(long customers, long accounts, long missing, long duplicates) {

    public boolean holds() {
        return missing == 0 && duplicates == 0 && customers == accounts;
    }

    public static Reconciliation of(String bcUrl, String dataverseUrl) {
        Set<String> customerNumbers = new HashSet<>();
        for (JsonNode customer : rows(bcUrl + "/_admin/rows/customers")) {
            if (customer.path("blocked").asText().isBlank()) {
                customerNumbers.add(customer.path("number").asText());
            }
        }
        Map<String, Integer> accountNumbers = new HashMap<>();
        long accounts = 0;
        for (JsonNode account : rows(dataverseUrl + "/_admin/rows/accounts")) {
            accounts++;
            accountNumbers.merge(account.path("accountnumber").asText(), 1, Integer::sum);
        }
        long missing = customerNumbers.stream().filter(number -> !accountNumbers.containsKey(number)).count();
        long duplicates = accountNumbers.values().stream().filter(count -> count > 1).count();
        return new Reconciliation(customerNumbers.size(), accounts, missing, duplicates);
    }

    @Override
    public String toString() {
        return String.format("Reconciliation: %,d BC customers (not blocked), %,d Dataverse accounts, %,d missing, "
                + "%,d duplicated — %s", customers, accounts, missing, duplicates, holds() ? "holds" : "DOES NOT HOLD");
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
