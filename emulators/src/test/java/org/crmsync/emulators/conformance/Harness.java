package org.crmsync.emulators.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.crmsync.emulators.Emulators;
import org.crmsync.emulators.auth.TokenService;
import org.crmsync.emulators.seed.DemoCompany;

/**
 * A plain HTTP client for the conformance suites: the JDK's client, no crmsync connector code, so that the
 * suites check the emulators against the protocol reference and nothing else.
 */
final class Harness implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final Emulators emulators;
    /** {@code …/api/data/v9.2/} */
    final String dataverse;
    /** {@code …/api/v2.0/companies(<id>)/} */
    final String bc;
    /** {@code …/api/v2.0/} */
    final String bcApi;

    Harness(int customers, double overlap) {
        emulators = Emulators.start(new DemoCompany.Options(customers, 5, overlap), 0, 0);
        dataverse = emulators.dataverseUrl() + "/api/data/v9.2/";
        bcApi = emulators.bcUrl() + "/v2.0/" + DemoCompany.TENANT + "/" + DemoCompany.ENVIRONMENT + "/api/v2.0/";
        bc = bcApi + "companies(" + DemoCompany.COMPANY_ID + ")/";
    }

    @Override
    public void close() {
        emulators.close();
    }

    /** A bearer token of the integration client from the emulator at {@code root}. */
    String token(String root) {
        return token(root, TokenService.DEMO_CLIENT_ID, TokenService.DEMO_CLIENT_SECRET);
    }

    String token(String root, String clientId, String secret) {
        HttpResponse<String> reply = requestToken(root, clientId, secret);
        assertEquals(200, reply.statusCode(), reply.body());
        return json(reply).get("access_token").asText();
    }

    HttpResponse<String> requestToken(String root, String clientId, String secret) {
        return call(HttpRequest.newBuilder(URI.create(root + "/" + DemoCompany.TENANT + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + encode(clientId)
                        + "&client_secret=" + encode(secret) + "&scope=" + encode(root + "/.default"))));
    }

    static HttpResponse<String> send(String method, String url, String token, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        return call(request);
    }

    private static HttpResponse<String> call(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An admin call: {@code path} below {@code /_admin/}. */
    static HttpResponse<String> admin(String root, String method, String path, String body) {
        return send(method, root + "/_admin/" + path, null, body);
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The call succeeded with {@code status}; returns the body as JSON (null when empty). */
    static JsonNode ok(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        return response.body().isEmpty() ? null : json(response);
    }

    /** The service refused with this status and named the reason (an error code or words) in its error body. */
    static void refused(int status, String reason, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.body().contains(reason), "expected '" + reason + "' in " + response.body());
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
