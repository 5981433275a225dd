package org.crmsync.launcher;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

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
    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean holds() {
        return missing == 0 && duplicates == 0 && records == accounts;
    }

    public static List<Reconciliation> of(String bcUrl, String dataverseUrl) {
        // account numbers per customer type code, each with how many accounts hold it
        Map<Integer, Map<String, Integer>> accounts = new HashMap<>();
        forEachRow(dataverseUrl + "/_admin/rows/accounts?$select=accountnumber,customertypecode", account -> accounts
                .computeIfAbsent(account.path("customertypecode").asInt(), type -> new HashMap<>())
                .merge(account.path("accountnumber").asText(), 1, Integer::sum));
        return List.of(count("customers", bcUrl + "/_admin/rows/customers?$select=number,blocked", accounts.get(CUSTOMER_TYPE)),
                count("vendors", bcUrl + "/_admin/rows/vendors?$select=number,blocked", accounts.get(VENDOR_TYPE)));
    }

    private static Reconciliation count(String what, String recordsUrl, Map<String, Integer> accountNumbers) {
        Map<String, Integer> ofType = accountNumbers == null ? Map.of() : accountNumbers;
        Set<String> numbers = new HashSet<>();
        forEachRow(recordsUrl, record -> {
            if (record.path("blocked").asText().isBlank()) {
                numbers.add(record.path("number").asText());
            }
        });
        long missing = numbers.stream().filter(number -> !ofType.containsKey(number)).count();
        long duplicates = ofType.values().stream().filter(count -> count > 1).count();
        long accounts = ofType.values().stream().mapToLong(Integer::longValue).sum();
        return new Reconciliation(what, numbers.size(), accounts, missing, duplicates);
    }

    @Override
    public String toString() {
        return String.format("Reconciliation: %,d BC %s (not blocked), %,d Dataverse accounts of that type, %,d missing, "
                + "%,d duplicated — %s", records, what, accounts, missing, duplicates, holds() ? "holds" : "DOES NOT HOLD");
    }

    /** Reads the admin API's array of rows one row at a time: at a million rows the whole tree would not fit. */
    private static void forEachRow(String url, Consumer<JsonNode> action) {
        try {
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body(); JsonParser parser = JSON.createParser(body)) {
                if (response.statusCode() != 200 || parser.nextToken() != JsonToken.START_ARRAY) {
                    throw new IllegalStateException(url + " answered " + response.statusCode() + ", not an array of rows");
                }
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    action.accept(JSON.readTree(parser));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading " + url, e);
        }
    }
}
