package org.crmsync.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.crmsync.emulators.Emulators;
import org.crmsync.emulators.auth.TokenService;
import org.crmsync.emulators.seed.DemoCompany;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code crmsync emulators-bench}: shows the emulators are not what limits a sync. Prints Dataverse write
 * throughput through UpsertMultiple and through $batch changesets, and the time to read one full Business
 * Central page of 20,000 customers, all over real HTTP from a plain JDK client.
 */
@Command(name = "emulators-bench", mixinStandardHelpOptions = true,
        description = "Measures the emulators: Dataverse upsert throughput and BC page read time.")
public class EmulatorBenchmarkCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--rows", defaultValue = "200000", description = "accounts to upsert (default: ${DEFAULT-VALUE})")
    int rows;

    @Option(names = "--threads", defaultValue = "4", description = "concurrent clients (default: ${DEFAULT-VALUE})")
    int threads;

    private final PrintStream out = System.out;
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public Integer call() throws Exception {
        try (Emulators emulators = Emulators.start(new DemoCompany.Options(40_000, 42, 0), 0, 0)) {
            String dataverse = emulators.dataverseUrl() + "/api/data/v9.2/";
            String dvToken = token(emulators.dataverseUrl());
            out.printf(Locale.ROOT, "Dataverse UpsertMultiple, batches of 500, %d clients: %,.0f rows/s%n", threads,
                    upsert(rows, 500, batch -> post(dataverse + "accounts/Microsoft.Dynamics.CRM.UpsertMultiple", dvToken,
                            "application/json", upsertBody(batch))));
            out.printf(Locale.ROOT, "Dataverse $batch, changesets of 1000 PATCH upserts, %d clients: %,.0f rows/s%n", threads,
                    upsert(rows / 4, 1000, batch -> post(dataverse + "$batch", dvToken,
                            "multipart/mixed; boundary=batch_b", multipartBody(batch))));
            String bc = emulators.bcUrl() + "/v2.0/" + DemoCompany.TENANT + "/" + DemoCompany.ENVIRONMENT
                    + "/api/v2.0/companies(" + DemoCompany.COMPANY_ID + ")/customers";
            String bcToken = token(emulators.bcUrl());
            long best = Long.MAX_VALUE;
            int size = 0;
            for (int i = 0; i < 5; i++) {
                long started = System.nanoTime();
                HttpResponse<String> page = get(bc, bcToken);
                best = Math.min(best, System.nanoTime() - started);
                size = JSON.readTree(page.body()).get("value").size();
            }
            out.printf(Locale.ROOT, "Business Central page of %,d customers: %d ms (best of 5)%n", size, best / 1_000_000);
        }
        return 0;
    }

    private interface BatchWriter {
        HttpResponse<String> write(List<String> ids) throws IOException, InterruptedException;
    }

    /** Writes {@code total} new accounts in batches from {@code threads} clients; returns rows per second. */
    private double upsert(int total, int batchSize, BatchWriter writer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> futures = new ArrayList<>();
        long started = System.nanoTime();
        for (int offset = 0; offset < total; offset += batchSize) {
            List<String> ids = new ArrayList<>();
            for (int i = offset; i < Math.min(total, offset + batchSize); i++) {
                ids.add(UUID.randomUUID().toString());
            }
            futures.add(pool.submit(() -> {
                HttpResponse<String> response = writer.write(ids);
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("write failed: " + response.statusCode() + " " + response.body());
                }
                return ids.size();
            }));
        }
        int written = 0;
        for (Future<Integer> future : futures) {
            written += future.get();
        }
        pool.shutdown();
        return written / ((System.nanoTime() - started) / 1e9);
    }

    private static String upsertBody(List<String> ids) {
        StringBuilder body = new StringBuilder("{\"Targets\":[");
        for (int i = 0; i < ids.size(); i++) {
            body.append(i == 0 ? "" : ",").append("{\"@odata.type\":\"Microsoft.Dynamics.CRM.account\",\"accountid\":\"")
                    .append(ids.get(i)).append("\",\"name\":\"Bench account ").append(i)
                    .append("\",\"accountnumber\":\"B").append(i).append("\",\"emailaddress1\":\"bench@example.com\"}");
        }
        return body.append("]}").toString();
    }

    private static String multipartBody(List<String> ids) {
        StringBuilder body = new StringBuilder("--batch_b\r\nContent-Type: multipart/mixed; boundary=changeset_c\r\n\r\n");
        for (String id : ids) {
            body.append("--changeset_c\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n")
                    .append("PATCH /api/data/v9.2/accounts(").append(id).append(") HTTP/1.1\r\n")
                    .append("Content-Type: application/json; type=entry\r\n\r\n{\"name\":\"Bench\",\"accountnumber\":\"B\"}\r\n");
        }
        return body.append("--changeset_c--\r\n--batch_b--\r\n").toString();
    }

    private String token(String root) throws IOException, InterruptedException {
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(root + "/t/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                        + TokenService.DEMO_CLIENT_ID + "&client_secret=" + TokenService.DEMO_CLIENT_SECRET
                        + "&scope=bench%2F.default")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(reply.body());
        return body.get("access_token").asText();
    }

    private HttpResponse<String> post(String url, String token, String contentType, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
