package org.crmsync.activities.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Sends OData requests for one service: adds the bearer token and the service's headers, renews the
 * token once on a 401, and turns every answer into a reply or one of the typed failures.
 */
public final class ODataHttp implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Waits for 429s longer than this, in all, are left to the activity's retry; well below its heartbeat timeout. */
    static final Duration WAIT_IN_PLACE = Duration.ofSeconds(20);
    /** Tries of a read or an update that met a 5xx, a timeout, a lost connection, or of a read answered with garbage. */
    static final int TRIES = 5;
    /**
     * Methods that may be sent again after a 5xx, a timeout or a lost connection: a read, and the updates and
     * deletes of a known id, which change nothing more the second time (a BC update carries If-Match, so one
     * that did happen is refused as changed meanwhile rather than applied twice). Not POST: a create that may have
     * happened is sent again only by the page's retry, which knows its ids. A POST that only upserts rows by their
     * keys is repeatable too, and is sent with {@link #sendUpsert}.
     */
    private static final Set<String> REPEATABLE = Set.of("GET", "PATCH", "PUT", "DELETE");

    private final HttpClient client;
    private final BlockingHttpClient http;
    private final TokenSource tokens;
    private final String service;
    private final String urlSetting;
    private final ClientCredentials credentials;
    private final Map<String, String> headers;

    /**
     * A successful answer: status, headers, the body as sent, and the body parsed as JSON (missing when there
     * was none, or for a multipart $batch answer).
     */
    public record Reply(int status, io.micronaut.http.HttpHeaders headers, JsonNode body, String text) {
    }

    /**
     * @param service    how errors name the service ("Dataverse")
     * @param urlSetting the setting that holds the service URL, named when it cannot be reached
     */
    public ODataHttp(String service, String urlSetting, ClientCredentials credentials, Map<String, String> headers,
                     Duration readTimeout) {
        DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
        configuration.setReadTimeout(readTimeout);
        configuration.setMaxContentLength(Integer.MAX_VALUE);
        this.client = HttpClient.create(null, configuration);
        this.http = client.toBlocking();
        this.tokens = new TokenSource(http, credentials, Clock.systemUTC());
        this.service = service;
        this.urlSetting = urlSetting;
        this.credentials = credentials;
        this.headers = Map.copyOf(headers);
    }

    /**
     * Sends a request. A 429 is waited out here while the service asks for little, as the service protection
     * guidance says, up to {@link #WAIT_IN_PLACE} in all; a 5xx, a timeout or a lost connection is tried again
     * at once for a {@link #REPEATABLE} request, and so is a read whose answer is not JSON. Beyond that the
     * failure goes to the caller: the activity's retry takes over, except for a read that never came back
     * readable, which stops the sync ({@link MalformedResponse}). Tried in place, a single failed update out
     * of a page's hundreds no longer fails the whole page, which under a burst of 5xx never got through.
     */
    public Reply send(MutableHttpRequest<?> request) {
        return send(request, REPEATABLE.contains(request.getMethodName()));
    }

    /**
     * Sends a POST that upserts rows by their primary keys (UpsertMultiple, a {@code $batch} of upserts): sent
     * twice, it leaves the rows as sent once, so a 5xx, a timeout or a lost connection is tried again in place
     * like a PATCH, instead of failing the page it belongs to.
     */
    public Reply sendUpsert(MutableHttpRequest<?> request) {
        return send(request, true);
    }

    private Reply send(MutableHttpRequest<?> request, boolean repeatable) {
        Duration waited = Duration.ZERO;
        int tries = 1;
        while (true) {
            try {
                return sendOnce(request);
            } catch (RequestRejected refused) {
                throw tries > 1 ? refused.asResent() : refused;
            } catch (ThrottledFailure throttled) {
                waited = waited.plus(throttled.retryAfter());
                if (waited.compareTo(WAIT_IN_PLACE) > 0) {
                    throw throttled;
                }
                pause(throttled.retryAfter());
            } catch (TransientFailure | MalformedResponse failure) {
                boolean read = request.getMethodName().equals("GET");
                if (failure instanceof MalformedResponse && !read) {
                    // the write happened, only its answer was lost: the activity's retry sends the page again
                    throw new TransientFailure(failure.getMessage(), failure);
                }
                if (!repeatable) {
                    throw failure;
                }
                if (tries++ >= TRIES) {
                    throw failure instanceof MalformedResponse ? new MalformedResponse(failure.getMessage() + " on the "
                            + "last of " + TRIES + " tries: the service or a proxy in between misbehaves; resume the "
                            + "sync once it answers properly", failure) : failure;
                }
                pause(Duration.ofMillis(250L * tries));
            }
        }
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailure("interrupted while waiting to retry", e);
        }
    }

    private Reply sendOnce(MutableHttpRequest<?> request) {
        try {
            return exchange(request);
        } catch (HttpClientResponseException e) {
            if (e.getStatus().getCode() != 401) {
                throw failure(request, e);
            }
            // A token can be revoked or expire early; get a fresh one once before giving up.
            tokens.invalidate();
            try {
                return exchange(request);
            } catch (HttpClientResponseException again) {
                if (again.getStatus().getCode() == 401) {
                    throw new AuthenticationFailure(service + " refused the access token issued to client '"
                            + credentials.clientId() + "' (401): check that the client is registered as a user of "
                            + "this " + service + " with permissions, and check the client id and "
                            + credentials.secretSetting());
                }
                throw failure(request, again);
            }
        }
    }

    private Reply exchange(MutableHttpRequest<?> request) {
        // set, not add: a request sent again after a 401 or a 429 must not carry its headers twice
        request.getHeaders().set(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.token());
        headers.forEach((name, value) -> request.getHeaders().set(name, value));
        request.getHeaders().set(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON);
        try {
            HttpResponse<String> response = http.exchange(request, String.class);
            String body = response.getBody(String.class).orElse("");
            if (body.isBlank() && request.getMethodName().equals("GET")) {
                // every read answers something: an empty one was cut off (a $count of "4" cut in half is "")
                throw new MalformedResponse(service + " answered " + request.getMethodName() + " " + request.getPath()
                        + " with an empty body", null);
            }
            // Everything but a $batch answer is JSON, a $count's bare number included.
            boolean multipart = response.getContentType().map(type -> type.getType().equals("multipart")).orElse(false);
            return new Reply(response.getStatus().getCode(), response.getHeaders(),
                    body.isBlank() || multipart ? MissingNode.getInstance() : JSON.readTree(body), body);
        } catch (ReadTimeoutException e) {
            throw new TransientFailure(service + " did not answer " + request.getMethodName() + " "
                    + request.getPath() + " in time", e);
        } catch (HttpClientResponseException e) {
            throw e;
        } catch (HttpClientException e) {
            throw new TransientFailure("cannot reach " + service + " at " + request.getUri().getHost() + ":"
                    + request.getUri().getPort() + " (" + e.getMessage() + "); check " + urlSetting, e);
        } catch (IOException e) {
            String why = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw new MalformedResponse(service + " answered " + request.getMethodName() + " " + request.getPath()
                    + " with a body that is not JSON (" + why + ")", e);
        }
    }

    private RuntimeException failure(MutableHttpRequest<?> request, HttpClientResponseException e) {
        int status = e.getStatus().getCode();
        String body = e.getResponse().getBody(String.class).orElse("");
        String code = "";
        String message = body;
        try {
            JsonNode error = JSON.readTree(body).path("error");
            code = error.path("code").asText("");
            message = error.path("message").asText(body);
        } catch (IOException ignored) {
            // not a JSON error body: keep the raw text
        }
        String what = service + " answered " + status + (code.isEmpty() ? "" : " " + code) + " to "
                + request.getMethodName() + " " + request.getPath() + ": " + message;
        if (status == 429) {
            String retryAfter = e.getResponse().getHeaders().get("Retry-After");
            Duration delay = Duration.ofSeconds(5);
            try {
                delay = Duration.ofSeconds(Math.max(1, Long.parseLong(retryAfter.trim())));
            } catch (RuntimeException ignored) {
                // no or unreadable Retry-After: a modest default, the retry policy backs off from there
            }
            return new ThrottledFailure(what, delay);
        }
        if (status == 408 || status >= 500) {
            return new TransientFailure(what, e);
        }
        if (status == 403) {
            return new AuthenticationFailure(what + "; the application user of client '" + credentials.clientId()
                    + "' lacks a permission");
        }
        return new RequestRejected(status, code, message);
    }

    @Override
    public void close() {
        client.close();
    }
}
