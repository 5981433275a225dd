package org.crmsync.emulators.service;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.crmsync.emulators.auth.TokenService;
import org.crmsync.emulators.http.DroppedConnection;
import org.crmsync.emulators.http.EmulatorHandler;
import org.crmsync.emulators.http.EmulatorRequest;
import org.crmsync.emulators.http.EmulatorResponse;
import org.crmsync.emulators.odata.EntityTable;
import org.crmsync.emulators.odata.Filter;
import org.crmsync.emulators.odata.JsonBodies;
import org.crmsync.emulators.odata.ODataException;

/**
 * What both emulated services share around their APIs: the token endpoint, bearer authentication, injected
 * faults, service protection limits, and the admin API under {@code /_admin/} with which tests and
 * operators steer the service and act as one of its users.
 *
 * <p>Admin endpoints (unauthenticated; the emulators listen on the loopback interface only):
 * <ul>
 * <li>{@code GET|PUT /_admin/faults}, {@code GET|PUT /_admin/limits}: {@link FaultSettings}, {@link LimitSettings}</li>
 * <li>{@code POST /_admin/tokens/expire}; {@code PUT /_admin/tokens} {@code {"lifetimeSeconds":n}};
 *     {@code POST /_admin/clients} {@code {"clientId":…,"secret":…}}</li>
 * <li>{@code GET /_admin/stats}: requests seen and faults injected</li>
 * <li>{@code POST /_admin/reset}: every table back to its seeded state</li>
 * <li>{@code GET /_admin/count/<set>}; {@code GET /_admin/rows/<set>[?$filter=…]}: rows as stored</li>
 * <li>{@code POST /_admin/rows/<set>}, {@code PATCH|DELETE /_admin/rows/<set>/<id>}: create, edit or delete a
 *     row as an interactive user would, with the service's own validation and change stamps</li>
 * </ul>
 */
public abstract class ServiceEmulator implements EmulatorHandler {

    private static final Pattern TOKEN_PATH = Pattern.compile("/[^/]+/oauth2/v2\\.0/token");

    protected final ObjectMapper json = JsonBodies.MAPPER;
    protected final TokenService tokens;
    protected final Clock clock;
    private final Faults faults;
    private final ServiceLimits limits;
    private final AtomicLong requests = new AtomicLong();
    private Map<String, EntityTable.Snapshot> seeded = Map.of();

    protected ServiceEmulator(TokenService tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
        this.faults = new Faults(clock);
        this.limits = new ServiceLimits(clock);
    }

    public void configureFaults(FaultSettings settings) {
        faults.configure(settings);
    }

    /** How many writes were carried out without an answer, as configured ({@link FaultSettings#lostWriteRate}). */
    public long lostWrites() {
        return faults.lostWrites();
    }

    public void configureLimits(LimitSettings settings) {
        limits.configure(settings);
    }

    public TokenService tokens() {
        return tokens;
    }

    /** Remembers the current rows as the state {@code POST /_admin/reset} returns to. */
    public void markSeeded() {
        Map<String, EntityTable.Snapshot> snapshots = new LinkedHashMap<>();
        for (EntityTable table : tables()) {
            snapshots.put(table.entitySet(), table.snapshot());
        }
        seeded = snapshots;
    }

    @Override
    public final EmulatorResponse handle(EmulatorRequest request) {
        try {
            if (request.path().startsWith("/_admin/")) {
                return admin(request);
            }
            requests.incrementAndGet();
            if (TOKEN_PATH.matcher(request.path()).matches() && request.method().equals("POST")) {
                injectFaults();
                TokenService.TokenReply reply = tokens.issue(request.body());
                return EmulatorResponse.json(reply.status(), reply.json());
            }
            if (!isApiPath(request.path())) {
                throw new ODataException(404, notFoundCode(), "Resource not found for the segment '" + request.path() + "'.");
            }
            TokenService.Grant grant = tokens.authenticate(request.header("Authorization"));
            if (grant == null) {
                return unauthorized();
            }
            try (ServiceLimits.Permit permit = limits.enter(grant.clientId())) {
                // Inside the permit: injected latency is processing time, and counts against the limits.
                injectFaults();
                EmulatorResponse response = serve(request, grant);
                if (!request.method().equals("GET")) {
                    if (faults.losesWrite(request.path())) {
                        throw new DroppedConnection();
                    }
                    return response;
                }
                return response.status() == 200 && faults.malformsAnswer() ? response.cutOffHalfway() : response;
            }
        } catch (ServiceLimits.Exceeded e) {
            return render(throttled(e));
        } catch (ODataException e) {
            return render(e);
        }
    }

    private void injectFaults() {
        switch (faults.inject()) {
            case DROP -> throw new DroppedConnection();
            case THROTTLE -> throw injectedThrottle(faults.settings().retryAfterSeconds());
            case SERVER_ERROR -> throw injectedServerError();
            case PROCEED -> { }
        }
    }

    private EmulatorResponse render(ODataException e) {
        EmulatorResponse response = error(e);
        return e.retryAfterSeconds() > 0 ? response.withHeader("Retry-After", String.valueOf(e.retryAfterSeconds())) : response;
    }

    /** Whether {@code path} belongs to the service's API, where a bearer token is required. */
    protected abstract boolean isApiPath(String path);

    /** Serves an authenticated API request; refusals are thrown as {@link ODataException}. */
    protected abstract EmulatorResponse serve(EmulatorRequest request, TokenService.Grant grant);

    /** The service's error body for a refusal. */
    protected abstract EmulatorResponse error(ODataException e);

    /** The service's answer to a missing, wrong or expired token. */
    protected abstract EmulatorResponse unauthorized();

    /** The service's 429 for a user over a limit. */
    protected abstract ODataException throttled(ServiceLimits.Exceeded e);

    /** The service's 429 in an injected storm. */
    protected abstract ODataException injectedThrottle(long retryAfterSeconds);

    /** The service's 5xx for an injected outage. */
    protected abstract ODataException injectedServerError();

    protected abstract String notFoundCode();

    /** Every table of the service, for reset. */
    protected abstract List<EntityTable> tables();

    /** The table an admin {@code <set>} names. */
    protected abstract EntityTable adminTable(String entitySet);

    /** Creates ({@code id} null) or edits a row as an interactive user of the service; returns the stored row. */
    protected abstract ObjectNode writeAsUser(String entitySet, String id, ObjectNode fields);

    /** Deletes a row as an interactive user of the service. */
    protected abstract void deleteAsUser(String entitySet, String id);

    /** Called after a reset has restored the seeded rows. */
    protected void afterReset() {
    }

    private EmulatorResponse admin(EmulatorRequest request) {
        String[] parts = request.path().substring("/_admin/".length()).split("/");
        String method = request.method();
        String resource = parts[0];
        try {
            switch (resource) {
                case "faults" -> {
                    if (method.equals("PUT")) {
                        faults.configure(merge(faults.settings(), request, FaultSettings.class));
                    }
                    return EmulatorResponse.json(200, json.writeValueAsString(faults.settings()));
                }
                case "limits" -> {
                    if (method.equals("PUT")) {
                        limits.configure(merge(limits.settings(), request, LimitSettings.class));
                    }
                    return EmulatorResponse.json(200, json.writeValueAsString(limits.settings()));
                }
                case "tokens" -> {
                    if (parts.length == 2 && parts[1].equals("expire") && method.equals("POST")) {
                        tokens.expireAll();
                        return EmulatorResponse.empty(204);
                    }
                    if (parts.length == 1 && method.equals("PUT")) {
                        JsonNode lifetime = JsonBodies.object(request.body(), "BadRequest").path("lifetimeSeconds");
                        if (!lifetime.canConvertToLong() || lifetime.asLong() < 1) {
                            throw new IllegalArgumentException("lifetimeSeconds must be a positive number");
                        }
                        tokens.setLifetime(Duration.ofSeconds(lifetime.asLong()));
                        return EmulatorResponse.empty(204);
                    }
                }
                case "clients" -> {
                    if (method.equals("POST")) {
                        ObjectNode client = JsonBodies.object(request.body(), "BadRequest");
                        tokens.registerClient(client.path("clientId").asText(), client.path("secret").asText());
                        return EmulatorResponse.empty(204);
                    }
                }
                case "stats" -> {
                    ObjectNode stats = json.createObjectNode();
                    stats.put("requests", requests.get());
                    stats.put("refusedByLimits", limits.refused());
                    stats.put("injectedServerErrors", faults.serverErrors());
                    stats.put("injectedThrottles", faults.throttled());
                    stats.put("droppedConnections", faults.dropped());
                    stats.put("malformedAnswers", faults.malformed());
                    stats.put("lostWrites", faults.lostWrites());
                    return EmulatorResponse.json(200, stats.toString());
                }
                case "reset" -> {
                    if (method.equals("POST")) {
                        for (EntityTable table : tables()) {
                            EntityTable.Snapshot snapshot = seeded.get(table.entitySet());
                            if (snapshot != null) {
                                table.restore(snapshot);
                            }
                        }
                        afterReset();
                        return EmulatorResponse.empty(204);
                    }
                }
                case "count" -> {
                    if (parts.length == 2 && method.equals("GET")) {
                        return EmulatorResponse.text(200, String.valueOf(adminTable(parts[1]).size()));
                    }
                }
                case "rows" -> {
                    return adminRows(request, parts);
                }
                default -> { }
            }
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            return render(new ODataException(400, "BadRequest", e.getMessage()));
        } catch (ODataException e) {
            return render(e);
        }
        return render(new ODataException(404, "NotFound", "No admin resource " + method + " " + request.path()));
    }

    /** The current settings with the fields the request names replaced, so a PUT may change one knob. */
    private <T> T merge(T current, EmulatorRequest request, Class<T> type)
            throws com.fasterxml.jackson.core.JsonProcessingException {
        ObjectNode merged = json.valueToTree(current);
        merged.setAll(JsonBodies.object(request.body(), "BadRequest"));
        return json.treeToValue(merged, type);
    }

    /**
     * Every row that passes {@code filter}, with only the {@code select}ed columns when given, as one JSON array;
     * written a slice at a time, so that a million rows never sit in the heap as trees.
     */
    private byte[] adminRowsJson(EntityTable table, String filter, String select) {
        Predicate<ObjectNode> passes = filter == null ? row -> true : Filter.parse(filter, table::hasColumn);
        List<String> columns = select == null ? null : List.of(select.split(","));
        if (columns != null) {
            columns.stream().filter(column -> !table.hasColumn(column)).findFirst().ifPresent(column -> {
                throw new ODataException(400, "BadRequest", "No column " + column + " in " + table.entitySet());
            });
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = json.getFactory().createGenerator(out)) {
            generator.writeStartArray();
            List<ObjectNode> slice = table.after(null, 1024, passes);
            while (!slice.isEmpty()) {
                String last = slice.get(slice.size() - 1).get(table.key()).asText();
                for (ObjectNode row : slice) {
                    generator.writeTree(columns == null ? row : row.retain(columns));
                }
                slice = table.after(last, 1024, passes);
            }
            generator.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private EmulatorResponse adminRows(EmulatorRequest request, String[] parts) {
        if (parts.length < 2) {
            throw new ODataException(404, "NotFound", "Name the entity set: /_admin/rows/<set>");
        }
        String set = parts[1];
        String method = request.method();
        if (parts.length == 2 && method.equals("GET")) {
            return EmulatorResponse.json(200, adminRowsJson(adminTable(set), request.query().get("$filter"),
                    request.query().get("$select")));
        }
        if (parts.length == 2 && method.equals("POST")) {
            return EmulatorResponse.json(201, writeAsUser(set, null, JsonBodies.object(request.body(), "BadRequest")).toString());
        }
        if (parts.length == 3 && method.equals("GET")) {
            ObjectNode row = adminTable(set).get(parts[2]);
            if (row == null) {
                throw new ODataException(404, "NotFound", "No row " + parts[2] + " in " + set);
            }
            return EmulatorResponse.json(200, row.toString());
        }
        if (parts.length == 3 && method.equals("PATCH")) {
            return EmulatorResponse.json(200, writeAsUser(set, parts[2], JsonBodies.object(request.body(), "BadRequest")).toString());
        }
        if (parts.length == 3 && method.equals("DELETE")) {
            deleteAsUser(set, parts[2]);
            return EmulatorResponse.empty(204);
        }
        throw new ODataException(405, "MethodNotAllowed", method + " is not allowed on " + request.path());
    }
}
