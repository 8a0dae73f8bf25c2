package dev.ledgerstream.ingest.payment;

import dev.ledgerstream.ingest.payment.JsonValue.JsonArray;
import dev.ledgerstream.ingest.payment.JsonValue.JsonBoolean;
import dev.ledgerstream.ingest.payment.JsonValue.JsonNull;
import dev.ledgerstream.ingest.payment.JsonValue.JsonNumber;
import dev.ledgerstream.ingest.payment.JsonValue.JsonObject;
import dev.ledgerstream.ingest.payment.JsonValue.JsonString;
import dev.ledgerstream.ingest.payment.JsonValue.Member;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * A strict RFC 8259 parser for signed bodies. It is hand-written rather than Jackson because
 * the signature covers a re-serialization of the body: numbers must keep their source text,
 * a duplicated key must be refused rather than resolved (two readers could pick different
 * values from one signed body), and invalid UTF-8 must be refused rather than replaced.
 * Nesting is limited to {@value #MAX_DEPTH} levels and checked before descending, so a
 * pathological body costs a clean exception, never a {@link StackOverflowError}. The caller
 * limits the body size (64 KiB for a webhook) before calling.
 */
public final class StrictJsonParser {

    /** Containers nested deeper than this are refused; a real IPN nests two levels. */
    public static final int MAX_DEPTH = 32;

    private final String text;
    private int pos;

    private StrictJsonParser(String text) {
        this.text = text;
    }

    /**
     * Parses one JSON text, with optional surrounding whitespace.
     *
     * @throws MalformedJsonException when the bytes are not strict UTF-8 JSON within the limits
     */
    public static JsonValue parse(byte[] body) {
        StrictJsonParser parser = new StrictJsonParser(decodeUtf8(body));
        parser.skipWhitespace();
        JsonValue value = parser.value(0);
        parser.skipWhitespace();
        if (parser.pos != parser.text.length()) {
            throw parser.error("unexpected content after the JSON value");
        }
        return value;
    }

    private static String decodeUtf8(byte[] body) {
        // REPORT instead of the default REPLACE: a replaced byte would be signed as U+FFFD,
        // so two different bodies could carry one signature.
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(body);
        try {
            return decoder.decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedJsonException("Malformed JSON: invalid UTF-8 at byte " + bytes.position());
        }
    }

    private JsonValue value(int depth) {
        if (pos >= text.length()) {
            throw error("unexpected end of input, expected a value");
        }
        char c = text.charAt(pos);
        if (c == '{') {
            return object(depth + 1);
        } else if (c == '[') {
            return array(depth + 1);
        } else if (c == '"') {
            return new JsonString(string());
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
        } else if (c == 't' || c == 'f' || c == 'n') {
            return literal();
        }
        throw error("unexpected character, expected a value");
    }

    private JsonObject object(int depth) {
        requireDepth(depth);
        pos++; // '{'
        List<Member> members = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        skipWhitespace();
        if (consume('}')) {
            return new JsonObject(members);
        }
        do {
            skipWhitespace();
            int keyStart = pos;
            if (!peek('"')) {
                throw error("expected a member name in double quotes");
            }
            String key = string();
            if (!keys.add(key)) {
                pos = keyStart;
                throw error("duplicate object key");
            }
            skipWhitespace();
            expect(':', "expected ':' after a member name");
            skipWhitespace();
            members.add(new Member(key, value(depth)));
            skipWhitespace();
        } while (consume(','));
        expect('}', "expected ',' or '}' in an object");
        return new JsonObject(members);
    }

    private JsonArray array(int depth) {
        requireDepth(depth);
        pos++; // '['
        List<JsonValue> elements = new ArrayList<>();
        skipWhitespace();
        if (consume(']')) {
            return new JsonArray(elements);
        }
        do {
            skipWhitespace();
            elements.add(value(depth));
            skipWhitespace();
        } while (consume(','));
        expect(']', "expected ',' or ']' in an array");
        return new JsonArray(elements);
    }

    private void requireDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
    }

    private String string() {
        pos++; // opening quote
        StringBuilder out = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toString();
            } else if (c == '\\') {
                out.append(escape());
            } else if (c < 0x20) {
                throw error("unescaped control character in a string");
            } else {
                out.append(c);
                pos++;
            }
        }
        throw error("unterminated string");
    }

    /**
     * One escape sequence. A backslash-u escape yields one UTF-16 unit, so a pair of escapes
     * forms a surrogate pair and a lone escaped surrogate stays lone, as in JavaScript.
     */
    private char escape() {
        if (pos + 1 >= text.length()) {
            throw error("unterminated escape sequence");
        }
        char c = text.charAt(pos + 1);
        pos += 2;
        return switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> unicodeEscape();
            default -> {
                pos -= 2;
                throw error("invalid escape sequence");
            }
        };
    }

    private char unicodeEscape() {
        if (pos + 4 > text.length()) {
            throw error("truncated \\u escape");
        }
        int unit = 0;
        for (int i = 0; i < 4; i++) {
            char digit = text.charAt(pos + i);
            if (!HexFormat.isHexDigit(digit)) {
                throw error("invalid hex digit in a \\u escape");
            }
            unit = unit * 16 + HexFormat.fromHexDigit(digit);
        }
        pos += 4;
        return (char) unit;
    }

    private JsonNumber number() {
        int start = pos;
        consume('-');
        if (consume('0')) {
            if (isDigit()) {
                throw error("leading zeros are not allowed in a number");
            }
        } else if (!skipDigits()) {
            throw error("a number needs digits");
        }
        if (consume('.') && !skipDigits()) {
            throw error("a number needs digits after the decimal point");
        }
        if (consume('e') || consume('E')) {
            if (!consume('+')) {
                consume('-');
            }
            if (!skipDigits()) {
                throw error("a number needs digits in its exponent");
            }
        }
        String source = text.substring(start, pos);
        // JavaScript would read an overflowing number as Infinity and JSON.stringify writes
        // that as null: the signed content would differ from the body, so refuse it instead.
        if (Double.isInfinite(Double.parseDouble(source))) {
            pos = start;
            throw error("number out of the double range");
        }
        return new JsonNumber(source);
    }

    private JsonValue literal() {
        if (text.startsWith("true", pos)) {
            pos += 4;
            return new JsonBoolean(true);
        } else if (text.startsWith("false", pos)) {
            pos += 5;
            return new JsonBoolean(false);
        } else if (text.startsWith("null", pos)) {
            pos += 4;
            return JsonNull.INSTANCE;
        }
        throw error("unexpected character, expected a value");
    }

    private boolean skipDigits() {
        int start = pos;
        while (isDigit()) {
            pos++;
        }
        return pos > start;
    }

    private boolean isDigit() {
        return pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9';
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private boolean consume(char c) {
        if (peek(c)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c, String message) {
        if (!consume(c)) {
            throw error(message);
        }
    }

    private MalformedJsonException error(String what) {
        return new MalformedJsonException("Malformed JSON at character " + pos + ": " + what);
    }
}
