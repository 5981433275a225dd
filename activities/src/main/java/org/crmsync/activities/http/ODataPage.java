package org.crmsync.activities.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of a collection.
 *
 * @param nextLink where the next page is, to be requested verbatim; null on the last page
 */
public record ODataPage(List<ObjectNode> rows, String nextLink) {

    public static ODataPage of(JsonNode body) {
        List<ObjectNode> rows = new ArrayList<>();
        for (JsonNode row : body.path("value")) {
            rows.add((ObjectNode) row);
        }
        JsonNode next = body.get("@odata.nextLink");
        return new ODataPage(rows, next == null || next.isNull() ? null : next.asText());
    }
}
