package dev.ledgerstream.ingest.payment;

import dev.ledgerstream.ingest.payment.JsonValue.JsonArray;
import dev.ledgerstream.ingest.payment.JsonValue.JsonBoolean;
import dev.ledgerstream.ingest.payment.JsonValue.JsonNumber;
import dev.ledgerstream.ingest.payment.JsonValue.JsonObject;
import dev.ledgerstream.ingest.payment.JsonValue.JsonString;
import dev.ledgerstream.ingest.payment.JsonValue.Member;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The two serializations a NOWPayments signature may cover (SPEC 3.1). Both are JavaScript's
 * {@code JSON.stringify} output, so strings and numbers are written as JavaScript writes them.
 * Recursion is bounded by the parser's depth limit.
 */
final class CanonicalJson {

    /** Canonical order: UTF-16 code units, which is what {@link String#compareTo} compares. */
    private static final Comparator<String> CODE_UNIT_ORDER = Comparator.naturalOrder();

    /** JavaScript's own-property order after sorted insertion: array indices first, numerically. */
    private static final Comparator<String> JS_PROPERTY_ORDER = (a, b) -> {
        long indexA = arrayIndex(a);
        long indexB = arrayIndex(b);
        if (indexA >= 0 && indexB >= 0) {
            return Long.compare(indexA, indexB);
        }
        if (indexA >= 0 || indexB >= 0) {
            return indexA >= 0 ? -1 : 1;
        }
        return a.compareTo(b);
    };

    /**
     * ECMAScript text per number source text. Formatting a number can take microseconds and
     * both forms of one body hold the same numbers, and an unauthenticated sender controls the
     * body, so each distinct number is formatted once per body.
     */
    private final Map<String, String> numbers = new HashMap<>();

    private CanonicalJson() {
    }

    /** Both forms of one body, as the verifier needs them. */
    record Forms(String canonical, String docsSample) {
    }

    static Forms forms(JsonValue value) {
        CanonicalJson writer = new CanonicalJson();
        return new Forms(writer.serialize(value, false), writer.serialize(value, true));
    }

    /**
     * The canonical form: object keys sorted by UTF-16 code units at every depth, arrays in
     * order, no whitespace. It is the event's content and the input of its id.
     */
    static String canonical(JsonValue value) {
        return new CanonicalJson().serialize(value, false);
    }

    /**
     * The form the provider's documentation sample signs: it copies every object and array
     * into a fresh object with {@code Object.keys(x).sort()}, so an array becomes an object
     * keyed by index ({@code [7]} becomes {@code {"0":7}}). JavaScript then lists a plain
     * object's integer keys ("array indices") first in numeric order, whatever order they were
     * inserted in, so {@code "2"} precedes {@code "10"} here although it sorts after it as a
     * string; the other keys follow in code-unit order. One deliberate difference: the sample
     * silently drops a {@code __proto__} member (assigning it sets the prototype instead), which
     * would leave that member unsigned; here it is written like any other key, so a body with
     * one only verifies under the canonical form.
     */
    static String docsSample(JsonValue value) {
        return new CanonicalJson().serialize(value, true);
    }

    private String serialize(JsonValue value, boolean docsSample) {
        StringBuilder out = new StringBuilder();
        write(value, out, docsSample);
        return out.toString();
    }

    private void write(JsonValue value, StringBuilder out, boolean docsSample) {
        if (value instanceof JsonObject object) {
            writeMembers(object.members(), out, docsSample);
        } else if (value instanceof JsonArray array) {
            if (docsSample) {
                writeMembers(indexKeyed(array), out, true);
            } else {
                writeElements(array, out);
            }
        } else if (value instanceof JsonString string) {
            writeString(string.value(), out);
        } else if (value instanceof JsonNumber number) {
            out.append(numbers.computeIfAbsent(number.text(), EcmaNumberFormat::fromSource));
        } else if (value instanceof JsonBoolean bool) {
            out.append(bool.value());
        } else {
            out.append("null");
        }
    }

    private void writeElements(JsonArray array, StringBuilder out) {
        out.append('[');
        String separator = "";
        for (JsonValue element : array.elements()) {
            out.append(separator);
            write(element, out, false);
            separator = ",";
        }
        out.append(']');
    }

    private void writeMembers(List<Member> members, StringBuilder out, boolean docsSample) {
        List<Member> sorted = new ArrayList<>(members);
        Comparator<String> keyOrder = docsSample ? JS_PROPERTY_ORDER : CODE_UNIT_ORDER;
        sorted.sort(Comparator.comparing(Member::key, keyOrder));
        out.append('{');
        String separator = "";
        for (Member member : sorted) {
            out.append(separator);
            writeString(member.key(), out);
            out.append(':');
            write(member.value(), out, docsSample);
            separator = ",";
        }
        out.append('}');
    }

    private static List<Member> indexKeyed(JsonArray array) {
        List<Member> members = new ArrayList<>();
        List<JsonValue> elements = array.elements();
        for (int i = 0; i < elements.size(); i++) {
            members.add(new Member(Integer.toString(i), elements.get(i)));
        }
        return members;
    }

    /** The ECMAScript array index a key denotes (canonical digits, at most 2^32 - 2), or -1. */
    static long arrayIndex(String key) {
        int length = key.length();
        if (length == 0 || length > 10 || (length > 1 && key.charAt(0) == '0')) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            char c = key.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= 0xFFFF_FFFEL ? value : -1;
    }

    /**
     * A string as {@code JSON.stringify} writes it (ES2019 well-formed form): the two-character
     * escapes, other control characters as lowercase six-character escapes ({@code u001f}
     * after the backslash), lone surrogates likewise ({@code udc00}), and everything else raw, including {@code /} and non-ASCII.
     */
    static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c) || c < 0x20) {
                out.append(escapeOf(c));
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private static String escapeOf(char c) {
        return switch (c) {
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> String.format("\\u%04x", (int) c);
        };
    }
}
