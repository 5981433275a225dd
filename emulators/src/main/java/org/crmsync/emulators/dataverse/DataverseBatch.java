package org.crmsync.emulators.dataverse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.crmsync.emulators.http.EmulatorRequest;
import org.crmsync.emulators.http.EmulatorResponse;
import org.crmsync.emulators.odata.JsonBodies;
import org.crmsync.emulators.odata.Journal;
import org.crmsync.emulators.odata.Multipart;
import org.crmsync.emulators.odata.ODataException;

/**
 * {@code POST $batch} (apis.md A6): multipart/mixed parts run in order through the normal request path;
 * a changeset is atomic and may refer to its earlier parts' results as {@code $n}; the batch stops at the
 * first failure with a 400 unless {@code Prefer: odata.continue-on-error}; at most 1000 requests.
 */
final class DataverseBatch {

    static final int MAX_REQUESTS = 1000;
    private static final Map<Integer, String> REASONS = Map.of(200, "OK", 201, "Created", 204, "No Content",
            304, "Not Modified", 400, "Bad Request", 403, "Forbidden", 404, "Not Found", 405, "Method Not Allowed",
            412, "Precondition Failed", 429, "Too Many Requests");

    /** Serves one request inside the batch, its writes recorded in the journal. */
    interface Dispatcher {
        EmulatorResponse dispatch(EmulatorRequest request, String caller, Journal journal);
    }

    /** The result of one top-level part: its rendered response and whether it failed. */
    private record Outcome(String part, boolean failed) {
    }

    private final Dispatcher dispatcher;
    private final Function<ODataException, EmulatorResponse> errors;
    private final Object writeLock;

    DataverseBatch(Dispatcher dispatcher, Function<ODataException, EmulatorResponse> errors, Object writeLock) {
        this.dispatcher = dispatcher;
        this.errors = errors;
        this.writeLock = writeLock;
    }

    EmulatorResponse execute(EmulatorRequest request, String caller) {
        String boundary = Multipart.boundary(request.header("Content-Type"));
        if (boundary == null) {
            throw new ODataException(400, "0x80060888",
                    "A $batch request must have Content-Type multipart/mixed with a boundary.");
        }
        List<Multipart.Part> parts = Multipart.parse(request.body(), boundary);
        int requests = 0;
        for (Multipart.Part part : parts) {
            String changeset = Multipart.boundary(part.header("Content-Type"));
            requests += changeset == null ? 1 : Multipart.parse(part.body(), changeset).size();
        }
        if (requests > MAX_REQUESTS) {
            throw new ODataException(400, "0x80060888", "The batch holds " + requests
                    + " requests; a batch may hold at most " + MAX_REQUESTS + ".");
        }
        boolean continueOnError = request.preference("odata.continue-on-error") != null;
        List<String> rendered = new ArrayList<>();
        for (Multipart.Part part : parts) {
            String changeset = Multipart.boundary(part.header("Content-Type"));
            Outcome outcome = changeset == null ? single(part, caller) : changeset(part, changeset, caller);
            if (outcome.failed() && !continueOnError) {
                return reply(400, List.of(outcome.part()));
            }
            rendered.add(outcome.part());
        }
        return reply(200, rendered);
    }

    private static EmulatorResponse reply(int status, List<String> parts) {
        String boundary = "batchresponse_" + UUID.randomUUID();
        return new EmulatorResponse(status, Map.of("Content-Type", "multipart/mixed; boundary=" + boundary,
                "OData-Version", "4.0"), Multipart.write(boundary, parts));
    }

    private Outcome single(Multipart.Part part, String caller) {
        EmulatorResponse response = run(Multipart.message(part), caller, new Journal(), Map.of(), false);
        return new Outcome(render(response, null), response.status() >= 400);
    }

    private Outcome changeset(Multipart.Part part, String boundary, String caller) {
        synchronized (writeLock) {
            Journal journal = new Journal();
            Map<String, String> created = new HashMap<>();
            List<String> rendered = new ArrayList<>();
            for (Multipart.Part inner : Multipart.parse(part.body(), boundary)) {
                String contentId = inner.header("Content-ID");
                EmulatorResponse response = run(Multipart.message(inner), caller, journal, created, true);
                if (response.status() >= 400) {
                    journal.rollback();
                    return new Outcome(render(response, contentId), true);
                }
                String entityId = response.headers().get("OData-EntityId");
                if (contentId != null && entityId != null) {
                    created.put("$" + contentId, URI.create(entityId).getRawPath());
                }
                rendered.add(render(response, contentId));
            }
            String changesetBoundary = "changesetresponse_" + UUID.randomUUID();
            return new Outcome("Content-Type: multipart/mixed; boundary=" + changesetBoundary + "\r\n\r\n"
                    + Multipart.write(changesetBoundary, rendered), false);
        }
    }

    private EmulatorResponse run(Multipart.Message message, String caller, Journal journal,
                                 Map<String, String> created, boolean inChangeset) {
        try {
            if (inChangeset && message.method().equals("GET")) {
                throw new ODataException(400, "0x80060888", "GET requests are not allowed inside a changeset.");
            }
            String target = resolve(message.target(), created);
            int question = target.indexOf('?');
            String path = question < 0 ? target : target.substring(0, question);
            if (!path.startsWith(DataverseEmulator.API_ROOT)) {
                throw new ODataException(400, "0x80060888", "The URL '" + message.target() + "' of a batch part is not "
                        + "under " + DataverseEmulator.API_ROOT + ".");
            }
            if (path.endsWith("$batch")) {
                throw new ODataException(400, "0x80060888", "A batch cannot contain another batch.");
            }
            EmulatorRequest inner = new EmulatorRequest(message.method(), path,
                    question < 0 ? "" : target.substring(question + 1), message.headers(),
                    resolveBinds(message.body(), created));
            return dispatcher.dispatch(inner, caller, journal);
        } catch (ODataException e) {
            return errors.apply(e);
        }
    }

    /** An absolute, root-relative, service-relative or {@code $n} URL as a path under the API root. */
    private static String resolve(String target, Map<String, String> created) {
        if (target.startsWith("$")) {
            int slash = target.indexOf('/');
            String reference = slash < 0 ? target : target.substring(0, slash);
            String entity = created.get(reference);
            if (entity == null) {
                throw new ODataException(400, "0x80060888", "The Content-ID reference '" + reference
                        + "' is not declared by an earlier request of this changeset.");
            }
            return entity + (slash < 0 ? "" : target.substring(slash));
        }
        if (target.startsWith("http://") || target.startsWith("https://")) {
            URI uri = URI.create(target);
            return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        }
        return target.startsWith("/") ? target : DataverseEmulator.API_ROOT + target;
    }

    /** Replaces {@code "nav@odata.bind":"$n"} with the row that part n created. */
    private static String resolveBinds(String body, Map<String, String> created) {
        if (created.isEmpty() || body.isBlank() || !body.contains("\"$")) {
            return body;
        }
        ObjectNode object = JsonBodies.object(body, "0x80060888");
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String value = field.getValue().asText("");
            if (field.getKey().endsWith("@odata.bind") && value.startsWith("$")) {
                String entity = created.get(value);
                if (entity == null) {
                    throw new ODataException(400, "0x80060888", "The Content-ID reference '" + value
                            + "' is not declared by an earlier request of this changeset.");
                }
                field.setValue(JsonBodies.MAPPER.getNodeFactory().textNode(
                        entity.substring(DataverseEmulator.API_ROOT.length() - 1)));
            }
        }
        return object.toString();
    }

    private static String render(EmulatorResponse response, String contentId) {
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        return Multipart.responsePart(response.status(), REASONS.getOrDefault(response.status(), "Status"), headers,
                response.bodyText(), contentId);
    }
}
