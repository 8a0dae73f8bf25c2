package dev.ledgerstream.ingest.payment;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed JSON value that keeps what the canonical form needs and a generic tree would lose:
 * object members in source order with unique keys, and numbers as their source text.
 */
public sealed interface JsonValue {

    /** An object; keys are unique, because a duplicated key has no single meaning to sign. */
    record JsonObject(List<Member> members) implements JsonValue {
        public JsonObject {
            members = List.copyOf(members);
            Set<String> keys = new HashSet<>();
            for (Member member : members) {
                if (!keys.add(member.key())) {
                    throw new IllegalArgumentException("duplicate object key");
                }
            }
        }

        /** The value of {@code key}, or empty when the object has no such member. */
        public Optional<JsonValue> get(String key) {
            for (Member member : members) {
                if (member.key().equals(key)) {
                    return Optional.of(member.value());
                }
            }
            return Optional.empty();
        }
    }

    /** One object member. */
    record Member(String key, JsonValue value) {
        public Member {
            if (key == null || value == null) {
                throw new IllegalArgumentException("member key and value are required");
            }
        }
    }

    /** An array, in source order. */
    record JsonArray(List<JsonValue> elements) implements JsonValue {
        public JsonArray {
            elements = List.copyOf(elements);
        }
    }

    /** A string; it may hold lone surrogates, as JavaScript strings may. */
    record JsonString(String value) implements JsonValue {
        public JsonString {
            if (value == null) {
                throw new IllegalArgumentException("string value is required");
            }
        }
    }

    /**
     * A number as its RFC 8259 source text. The text must denote a finite double, because the
     * canonical form writes the double JavaScript would read, and JavaScript writes an infinite
     * one as {@code null}, which would silently change the signed content.
     */
    record JsonNumber(String text) implements JsonValue {
        private static final Pattern GRAMMAR =
                Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

        public JsonNumber {
            if (text == null || !GRAMMAR.matcher(text).matches()) {
                throw new IllegalArgumentException("not a JSON number");
            }
            if (Double.isInfinite(Double.parseDouble(text))) {
                throw new IllegalArgumentException("number out of the double range");
            }
        }
    }

    /** {@code true} or {@code false}. */
    record JsonBoolean(boolean value) implements JsonValue {
    }

    /** {@code null}. */
    record JsonNull() implements JsonValue {
        public static final JsonNull INSTANCE = new JsonNull();
    }
}
