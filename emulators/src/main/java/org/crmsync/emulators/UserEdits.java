package org.crmsync.emulators;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Changes rows in an emulator as an interactive user of that system would, through its admin API
 * ({@code /_admin/rows/…}): validated and stamped like API writes, but not by the integration's client.
 * For tests and demos that play the users whose edits a sync must pick up.
 */
public final class UserEdits {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    /** @param baseUrl an emulator's root, as {@link Emulators#bcUrl()} or {@link Emulators#dataverseUrl()} give it */
    public UserEdits(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public void edit(String entitySet, String id, Map<String, Object> changes) {
        send("PATCH", entitySet + "/" + id, JSON.valueToTree(changes).toString());
    }

    public ObjectNode create(String entitySet, Map<String, Object> row) {
        return send("POST", entitySet, JSON.valueToTree(row).toString());
    }

    public void delete(String entitySet, String id) {
        send("DELETE", entitySet + "/" + id, null);
    }

    /** Requests the emulator has answered so far, admin ones included. */
    public long requests() {
        return send("GET", "../stats", null).path("requests").asLong();
    }

    private ObjectNode send(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/_admin/rows/" + path).normalize())
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " refused (" + response.statusCode() + "): "
                        + response.body());
            }
            return response.body().isBlank() ? null : (ObjectNode) JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
