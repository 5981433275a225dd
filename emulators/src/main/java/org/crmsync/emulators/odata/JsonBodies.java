package org.crmsync.emulators.odata;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** Request bodies, which both services insist are JSON objects, and the one JSON mapper the emulators share. */
public final class JsonBodies {

    /** Keeps decimals exact: exchange rates carry twelve decimal places and money must not drift. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private JsonBodies() {
    }

    /** The body as an object, or a 400 with the service's own error {@code code}. */
    public static ObjectNode object(String body, String code) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new ODataException(400, code, "The request body is not a valid JSON object.");
    }
}
