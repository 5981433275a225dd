package org.crmsync.emulators.odata;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/** Why a value does not fit a column, or null when it does. */
public final class ColumnCheck {

    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** The kinds of problem, so each service can word and code them its own way. */
    public enum Problem { WRONG_TYPE, TOO_LONG }

    public record Violation(Problem problem, String detail) {
    }

    private ColumnCheck() {
    }

    public static Violation check(Column column, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        boolean fits = switch (column.type()) {
            case STRING, DATE_TIME, DATE -> value.isTextual();
            case GUID -> value.isTextual() && GUID.matcher(value.asText()).matches();
            case INTEGER -> value.isIntegralNumber();
            case DECIMAL -> value.isNumber();
            case BOOLEAN -> value.isBoolean();
        };
        if (!fits) {
            return new Violation(Problem.WRONG_TYPE, "Cannot convert the literal '" + value
                    + "' to the expected type '" + column.type() + "' of '" + column.name() + "'");
        }
        if (column.maxLength() > 0 && value.asText().codePointCount(0, value.asText().length()) > column.maxLength()) {
            return new Violation(Problem.TOO_LONG, String.valueOf(column.maxLength()));
        }
        return null;
    }
}
