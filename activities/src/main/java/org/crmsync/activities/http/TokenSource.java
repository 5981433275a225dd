package org.crmsync.activities.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Bearer tokens from the client-credentials grant, cached and fetched again a while before they expire
 * (the reply has no refresh token, apis.md A11).
 */
public final class TokenSource {

    /** Renew this long before expiry, so a token never runs out in the middle of a page. */
    private static final Duration EARLY_RENEWAL = Duration.ofMinutes(5);

    private final ObjectMapper json = new ObjectMapper();
    private final BlockingHttpClient http;
    private final ClientCredentials credentials;
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;

    public TokenSource(BlockingHttpClient http, ClientCredentials credentials, Clock clock) {
        this.http = http;
        this.credentials = credentials;
        this.clock = clock;
    }

    public synchronized String token() {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return token;
    }

    /** Forgets the cached token, after the service refused it. */
    public synchronized void invalidate() {
        token = null;
    }

    private void fetch() {
        String form = "grant_type=client_credentials"
                + "&client_id=" + encode(credentials.clientId())
                + "&client_secret=" + encode(credentials.clientSecret())
                + "&scope=" + encode(credentials.scope());
        String body;
        try {
            body = http.retrieve(HttpRequest.POST(URI.create(credentials.tokenUrl()), form)
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE), String.class);
        } catch (HttpClientResponseException e) {
            if (e.getStatus().getCode() >= 500 || e.getStatus().getCode() == 429) {
                throw new TransientFailure("the token endpoint " + credentials.tokenUrl() + " answered "
                        + e.getStatus().getCode(), e);
            }
            throw new AuthenticationFailure("the token endpoint " + credentials.tokenUrl() + " refused client '"
                    + credentials.clientId() + "' (" + describe(e) + "); check the client id and "
                    + credentials.secretSetting());
        } catch (HttpClientException e) {
            throw new TransientFailure("cannot reach the token endpoint " + credentials.tokenUrl() + ": "
                    + e.getMessage(), e);
        }
        try {
            JsonNode reply = json.readTree(body);
            token = reply.get("access_token").asText();
            long lifetime = reply.path("expires_in").asLong(3599);
            Duration early = Duration.ofSeconds(Math.min(EARLY_RENEWAL.toSeconds(), lifetime / 10));
            renewAt = clock.instant().plusSeconds(lifetime).minus(early);
        } catch (IOException | NullPointerException e) {
            throw new AuthenticationFailure("the token endpoint " + credentials.tokenUrl()
                    + " did not answer with an access token");
        }
    }

    private String describe(HttpClientResponseException e) {
        try {
            JsonNode error = json.readTree(e.getResponse().getBody(String.class).orElse("{}"));
            String description = error.path("error_description").asText("");
            return e.getStatus().getCode() + " " + error.path("error").asText("")
                    + (description.isEmpty() ? "" : ": " + description);
        } catch (IOException ignored) {
            return String.valueOf(e.getStatus().getCode());
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
