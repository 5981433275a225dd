package org.crmsync.emulators.odata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * An OData {@code $filter} expression: comparison operators {@code eq ne gt ge lt le}, logical
 * {@code and or not} with parentheses, the functions {@code contains startswith endswith tolower toupper},
 * and literals: quoted strings (a quote doubled), numbers, {@code true false null}, unquoted date-times
 * and GUIDs.
 */
public final class Filter implements Predicate<ObjectNode> {

    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(T[0-9:.]+(Z|[+-]\\d{2}:\\d{2})?)?");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final List<String> COMPARISONS = List.of("eq", "ne", "gt", "ge", "lt", "le");

    private interface Expr {
        JsonNode eval(ObjectNode row);
    }

    /**
     * What a filter of the form {@code column eq 'a' or column eq 'b' …} asks for: the rows it can match all hold
     * one of {@code values} in {@code column}, so a table may find them in an index instead of testing every row.
     */
    public record Lookup(String column, Set<String> values) {
    }

    private final Expr root;
    private final Lookup lookup;

    private Filter(Expr root, Lookup lookup) {
        this.root = root;
        this.lookup = lookup;
    }

    /**
     * Parses {@code text}, refusing properties for which {@code isProperty} is false.
     *
     * @throws ODataException 400 with the position of the first error
     */
    public static Filter parse(String text, Predicate<String> isProperty) {
        Parser parser = new Parser(text, isProperty);
        Expr expr = parser.or();
        if (parser.peek() != null) {
            throw parser.error("unexpected '" + parser.peek() + "'");
        }
        return new Filter(expr, parser.lookups.get(expr));
    }

    /** The values this filter needs in one column, when it is nothing but equalities on that column. */
    public Optional<Lookup> lookup() {
        return Optional.ofNullable(lookup);
    }

    @Override
    public boolean test(ObjectNode row) {
        JsonNode result = root.eval(row);
        return result.isBoolean() && result.booleanValue();
    }

    private static final class Parser {
        private final String text;
        private final Predicate<String> isProperty;
        private final List<String> tokens = new ArrayList<>();
        private final List<Integer> positions = new ArrayList<>();
        private int next;
        // What each expression is, where an index can answer it: a property, a text literal, a lookup.
        private final Map<Expr, String> properties = new IdentityHashMap<>();
        private final Map<Expr, String> texts = new IdentityHashMap<>();
        private final Map<Expr, Lookup> lookups = new IdentityHashMap<>();

        Parser(String text, Predicate<String> isProperty) {
            this.text = text;
            this.isProperty = isProperty;
            tokenize();
        }

        ODataException error(String what) {
            int at = next < positions.size() ? positions.get(next) : text.length();
            return new ODataException(400, "0x80060888",
                    "Syntax error at position " + at + " in '" + text + "': " + what + ".");
        }

        String peek() {
            return next < tokens.size() ? tokens.get(next) : null;
        }

        String take() {
            String token = peek();
            if (token == null) {
                throw error("the expression ends too early");
            }
            next++;
            return token;
        }

        void expect(String token) {
            if (!token.equals(peek())) {
                throw error("expected '" + token + "'");
            }
            next++;
        }

        private boolean keyword(String word) {
            return peek() != null && peek().equalsIgnoreCase(word);
        }

        Expr or() {
            Expr left = and();
            while (keyword("or")) {
                next++;
                Expr l = left;
                Expr r = and();
                left = row -> BooleanNode.valueOf(truth(l.eval(row)) || truth(r.eval(row)));
                Lookup a = lookups.get(l);
                Lookup b = lookups.get(r);
                if (a != null && b != null && a.column().equals(b.column())) {
                    Set<String> values = new LinkedHashSet<>(a.values());
                    values.addAll(b.values());
                    lookups.put(left, new Lookup(a.column(), values));
                }
            }
            return left;
        }

        Expr and() {
            Expr left = not();
            while (keyword("and")) {
                next++;
                Expr l = left;
                Expr r = not();
                left = row -> BooleanNode.valueOf(truth(l.eval(row)) && truth(r.eval(row)));
            }
            return left;
        }

        Expr not() {
            if (keyword("not")) {
                next++;
                Expr inner = not();
                return row -> BooleanNode.valueOf(!truth(inner.eval(row)));
            }
            return comparison();
        }

        Expr comparison() {
            Expr left = operand();
            String op = peek() == null ? null : peek().toLowerCase(Locale.ROOT);
            if (op == null || !COMPARISONS.contains(op)) {
                return left;
            }
            next++;
            Expr right = operand();
            Expr compared = compare(op, left, right);
            if (op.equals("eq")) {
                String column = properties.containsKey(left) ? properties.get(left) : properties.get(right);
                String text = texts.containsKey(right) ? texts.get(right) : texts.get(left);
                // Dates compare as instants, not as text, and an empty value is no key: those stay scans.
                if (column != null && text != null && !text.isEmpty() && !DATE_TIME.matcher(text).matches()) {
                    lookups.put(compared, new Lookup(column, Set.of(text)));
                }
            }
            return compared;
        }

        private static Expr compare(String op, Expr left, Expr right) {
            return row -> {
                JsonNode a = left.eval(row);
                JsonNode b = right.eval(row);
                if (op.equals("eq") || op.equals("ne")) {
                    boolean equal = Values.isNull(a) || Values.isNull(b)
                            ? Values.isNull(a) && Values.isNull(b)
                            : Values.compare(a, b) == 0;
                    return BooleanNode.valueOf(op.equals("eq") == equal);
                }
                if (Values.isNull(a) || Values.isNull(b)) {
                    return BooleanNode.FALSE;
                }
                int c = Values.compare(a, b);
                return BooleanNode.valueOf(switch (op) {
                    case "gt" -> c > 0;
                    case "ge" -> c >= 0;
                    case "lt" -> c < 0;
                    default -> c <= 0;
                });
            };
        }

        Expr operand() {
            String token = take();
            if (token.equals("(")) {
                Expr inner = or();
                expect(")");
                return inner;
            }
            if (token.startsWith("'")) {
                TextNode literal = TextNode.valueOf(token.substring(1, token.length() - 1).replace("''", "'"));
                Expr expr = row -> literal;
                texts.put(expr, literal.textValue());
                return expr;
            }
            String lower = token.toLowerCase(Locale.ROOT);
            switch (lower) {
                case "true", "false" -> {
                    BooleanNode literal = BooleanNode.valueOf(lower.equals("true"));
                    return row -> literal;
                }
                case "null" -> {
                    return row -> NullNode.instance;
                }
                default -> {
                }
            }
            if (GUID.matcher(token).matches() || DATE_TIME.matcher(token).matches()) {
                TextNode literal = TextNode.valueOf(token);
                Expr expr = row -> literal;
                texts.put(expr, token);
                return expr;
            }
            if (NUMBER.matcher(token).matches()) {
                DecimalNode literal = (DecimalNode) JsonNodeFactory.withExactBigDecimals(true)
                        .numberNode(new BigDecimal(token));
                return row -> literal;
            }
            if ("(".equals(peek())) {
                return function(lower, token);
            }
            if (!isProperty.test(token)) {
                next--;
                throw new ODataException(400, "0x80060888",
                        "Could not find a property named '" + token + "' on type of this entity set.");
            }
            Expr property = row -> {
                JsonNode value = row.get(token);
                return value == null ? MissingNode.getInstance() : value;
            };
            properties.put(property, token);
            return property;
        }

        Expr function(String name, String token) {
            expect("(");
            List<Expr> args = new ArrayList<>();
            if (!")".equals(peek())) {
                args.add(or());
                while (",".equals(peek())) {
                    next++;
                    args.add(or());
                }
            }
            expect(")");
            switch (name) {
                case "contains", "startswith", "endswith" -> {
                    if (args.size() != 2) {
                        throw error(token + " takes two arguments");
                    }
                    return row -> {
                        JsonNode haystack = args.get(0).eval(row);
                        JsonNode needle = args.get(1).eval(row);
                        if (Values.isNull(haystack) || Values.isNull(needle)) {
                            return BooleanNode.FALSE;
                        }
                        String h = haystack.asText().toLowerCase(Locale.ROOT);
                        String n = needle.asText().toLowerCase(Locale.ROOT);
                        return BooleanNode.valueOf(switch (name) {
                            case "contains" -> h.contains(n);
                            case "startswith" -> h.startsWith(n);
                            default -> h.endsWith(n);
                        });
                    };
                }
                case "tolower", "toupper" -> {
                    if (args.size() != 1) {
                        throw error(token + " takes one argument");
                    }
                    return row -> {
                        JsonNode value = args.get(0).eval(row);
                        if (Values.isNull(value)) {
                            return value;
                        }
                        return TextNode.valueOf(name.equals("tolower")
                                ? value.asText().toLowerCase(Locale.ROOT) : value.asText().toUpperCase(Locale.ROOT));
                    };
                }
                default -> throw error("unknown function '" + token + "'");
            }
        }

        private static boolean truth(JsonNode node) {
            return node.isBoolean() && node.booleanValue();
        }

        private void tokenize() {
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '(' || c == ')' || c == ',') {
                    add(String.valueOf(c), i);
                    i++;
                } else if (c == '\'') {
                    int start = i++;
                    while (true) {
                        if (i >= text.length()) {
                            positions.add(start);
                            next = positions.size() - 1;
                            throw error("the string literal is not closed");
                        }
                        if (text.charAt(i) == '\'') {
                            if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                                i += 2;
                                continue;
                            }
                            break;
                        }
                        i++;
                    }
                    add(text.substring(start, i + 1), start);
                    i++;
                } else if (isWordChar(c)) {
                    int start = i;
                    while (i < text.length() && isWordChar(text.charAt(i))) {
                        i++;
                    }
                    add(text.substring(start, i), start);
                } else {
                    positions.add(i);
                    next = positions.size() - 1;
                    throw error("unexpected character '" + c + "'");
                }
            }
        }

        private void add(String token, int position) {
            tokens.add(token);
            positions.add(position);
        }

        private static boolean isWordChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '/' || c == ':' || c == '-'
                    || c == '+' || c == '@';
        }
    }
}
