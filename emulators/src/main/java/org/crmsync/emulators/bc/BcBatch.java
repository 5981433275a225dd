package org.crmsync.emulators.bc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.crmsync.emulators.http.EmulatorRequest;
import org.crmsync.emulators.http.EmulatorResponse;
import org.crmsync.emulators.odata.JsonBodies;
import org.crmsync.emulators.odata.Journal;
import org.crmsync.emulators.odata.ODataException;

/**
 * The JSON {@code $batch} of apis.md B5: at most 100 requests, each answered in the reply's
 * {@code responses}; independent by default, one transaction with {@code Isolation: snapshot}. Under
 * snapshot isolation a failure undoes the whole batch: the failing request keeps its error and every
 * other request reports 424 (Failed Dependency), so that no client mistakes an undone write for a done one.
 */
final class BcBatch {

    static final int MAX_REQUESTS = 100;

    /** Serves one request inside the batch, its writes recorded in the journal. */
    interface Dispatcher {
        EmulatorResponse dispatch(EmulatorRequest request, Journal journal);
    }

    private final Dispatcher dispatcher;
    private final Function<ODataException, EmulatorResponse> errors;
    private final Object writeLock;

    BcBatch(Dispatcher dispatcher, Function<ODataException, EmulatorResponse> errors, Object writeLock) {
        this.dispatcher = dispatcher;
        this.errors = errors;
        this.writeLock = writeLock;
    }

    /** @param apiBase the absolute URL that relative request URLs are resolved against */
    EmulatorResponse execute(EmulatorRequest request, String apiBase) {
        JsonNode requests = JsonBodies.object(request.body(), "BadRequest").get("requests");
        if (requests == null || !requests.isArray()) {
            throw new ODataException(400, "BadRequest", "A $batch body must be {\"requests\":[…]}.");
        }
        if (requests.size() > MAX_REQUESTS) {
            throw new ODataException(400, "BadRequest", "The batch holds " + requests.size()
                    + " requests; a batch may hold at most " + MAX_REQUESTS + ".");
        }
        boolean snapshot = "snapshot".equalsIgnoreCase(String.valueOf(request.header("Isolation")));
        ObjectNode reply = JsonBodies.MAPPER.createObjectNode();
        ArrayNode responses = reply.putArray("responses");
        if (!snapshot) {
            for (JsonNode item : requests) {
                responses.add(response(item, run(item, apiBase, new Journal())));
            }
            return EmulatorResponse.json(200, reply.toString());
        }
        synchronized (writeLock) {
            Journal journal = new Journal();
            String failedId = null;
            for (JsonNode item : requests) {
                EmulatorResponse response = run(item, apiBase, journal);
                responses.add(response(item, response));
                if (response.status() >= 400) {
                    failedId = item.path("id").asText();
                    break;
                }
            }
            if (failedId != null) {
                journal.rollback();
                ArrayNode undone = JsonBodies.MAPPER.createArrayNode();
                for (JsonNode item : requests) {
                    if (item.path("id").asText().equals(failedId)) {
                        undone.add(responses.get(responses.size() - 1));
                    } else {
                        undone.add(response(item, errors.apply(new ODataException(424, "BadRequest",
                                "Rolled back: request " + failedId + " of this snapshot-isolated batch failed."))));
                    }
                }
                reply.set("responses", undone);
            }
        }
        return EmulatorResponse.json(200, reply.toString());
    }

    private EmulatorResponse run(JsonNode item, String apiBase, Journal journal) {
        try {
            String method = item.path("method").asText("").toUpperCase(java.util.Locale.ROOT);
            String url = item.path("url").asText("");
            if (method.isEmpty() || url.isEmpty() || !item.hasNonNull("id")) {
                throw new ODataException(400, "BadRequest", "Each batch request needs an id, a method and a url.");
            }
            URI target = URI.create(apiBase).resolve(url.startsWith("/") ? url.substring(1) : url);
            Map<String, String> headers = new LinkedHashMap<>();
            item.path("headers").properties().forEach(header -> headers.put(header.getKey(), header.getValue().asText()));
            String body = item.hasNonNull("body") ? item.get("body").toString() : "";
            EmulatorRequest inner = new EmulatorRequest(method, target.getRawPath(), target.getRawQuery(), headers, body);
            if (inner.path().endsWith("$batch")) {
                throw new ODataException(400, "BadRequest", "A batch cannot contain another batch.");
            }
            return dispatcher.dispatch(inner, journal);
        } catch (IllegalArgumentException e) {
            return errors.apply(new ODataException(400, "BadRequest", "Invalid batch request URL: " + e.getMessage()));
        } catch (ODataException e) {
            return errors.apply(e);
        }
    }

    private static ObjectNode response(JsonNode item, EmulatorResponse response) {
        ObjectNode out = JsonBodies.MAPPER.createObjectNode();
        out.set("id", item.get("id"));
        out.put("status", response.status());
        ObjectNode headers = out.putObject("headers");
        response.headers().forEach(headers::put);
        if (response.body().length > 0) {
            try {
                out.set("body", JsonBodies.MAPPER.readTree(response.body()));
            } catch (IOException e) {
                out.put("body", response.bodyText());
            }
        }
        return out;
    }
}
