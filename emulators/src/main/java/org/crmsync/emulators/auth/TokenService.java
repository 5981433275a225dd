package org.crmsync.emulators.auth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OAuth2 client-credentials endpoint {@code POST /{tenant}/oauth2/v2.0/token} (apis.md A11): issues
 * bearer tokens that expire, to the configured clients only.
 */
public final class TokenService {

    public static final String DEMO_CLIENT_ID = "crmsync-demo";
    public static final String DEMO_CLIENT_SECRET = "crmsync-demo-secret";

    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private volatile Duration lifetime = Duration.ofSeconds(3599);

    /** Who a token was issued to, and until when. */
    public record Grant(String clientId, Instant expiresAt) {
    }

    public TokenService(Clock clock) {
        this.clock = clock;
        secrets.put(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET);
    }

    public void registerClient(String clientId, String secret) {
        secrets.put(clientId, secret);
    }

    public void setLifetime(Duration lifetime) {
        this.lifetime = lifetime;
    }

    /** Handles a token request; returns the JSON reply and its status. */
    public TokenReply issue(String formBody) {
        Map<String, String> form = parseForm(formBody);
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return new TokenReply(400, error("unsupported_grant_type",
                    "AADSTS70003: The app requested an unsupported grant type '" + form.get("grant_type") + "'."));
        }
        if (form.get("scope") == null || !form.get("scope").endsWith("/.default")) {
            return new TokenReply(400, error("invalid_scope",
                    "AADSTS1002012: The provided value for scope is not valid. Client credential flows must have a "
                            + "scope value with /.default suffixed to the resource identifier."));
        }
        String clientId = form.get("client_id");
        String expected = clientId == null ? null : secrets.get(clientId);
        if (expected == null) {
            return new TokenReply(400, error("unauthorized_client",
                    "AADSTS700016: Application with identifier '" + clientId + "' was not found in the directory."));
        }
        if (!expected.equals(form.get("client_secret"))) {
            return new TokenReply(401, error("invalid_client",
                    "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request "
                            + "is the client secret value, not the client secret ID, for a secret added to app '"
                            + clientId + "'."));
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        long seconds = lifetime.toSeconds();
        grants.put(token, new Grant(clientId, clock.instant().plusSeconds(seconds)));
        return new TokenReply(200, "{\"token_type\":\"Bearer\",\"expires_in\":" + seconds + ",\"ext_expires_in\":"
                + seconds + ",\"access_token\":\"" + token + "\"}");
    }

    /** The grant behind an {@code Authorization} header, or null when it is missing, unknown or expired. */
    public Grant authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        Grant grant = grants.get(authorization.substring(7).trim());
        if (grant == null || !grant.expiresAt().isAfter(clock.instant())) {
            return null;
        }
        return grant;
    }

    /** Makes every token issued so far expire now, as when a tenant rotates keys. */
    public void expireAll() {
        grants.replaceAll((token, grant) -> new Grant(grant.clientId(), clock.instant()));
    }

    /** The JSON body and status of a token reply. */
    public record TokenReply(int status, String json) {
    }

    private static String error(String code, String description) {
        return "{\"error\":\"" + code + "\",\"error_description\":\"" + description.replace("\"", "\\\"") + "\"}";
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }
}
