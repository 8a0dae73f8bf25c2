package dev.ledgerstream.testsupport;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and rewrites PostgreSQL connection URLs, JDBC ones and {@code postgres://} ones. */
final class JdbcUrls {

    private static final Pattern JDBC = Pattern.compile("^(jdbc:postgresql://[^/?]+)(?:/[^?]*)?(\\?.*)?$");
    private static final Pattern LIBPQ = Pattern.compile(
            "^postgres(?:ql)?://(?:([^:@/]*)(?::([^@/]*))?@)?([^/?]+)(/[^?]*)?(\\?.*)?$");

    /** A {@code postgres://} URL turned into JDBC form, with the user and password it carried. */
    record Parsed(String jdbcUrl, Optional<String> user, Optional<String> password) {
    }

    private JdbcUrls() {
    }

    /** The same server and parameters, another database. */
    static String withDatabase(String jdbcUrl, String database) {
        Matcher matcher = JDBC.matcher(jdbcUrl);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a jdbc:postgresql://host[:port]/database URL: " + jdbcUrl);
        }
        return matcher.group(1) + "/" + database + Optional.ofNullable(matcher.group(2)).orElse("");
    }

    /** Accepts {@code jdbc:postgresql://…} as it is and converts {@code postgres[ql]://user:password@host/db}. */
    static Parsed parse(String url) {
        if (JDBC.matcher(url).matches()) {
            return new Parsed(url, Optional.empty(), Optional.empty());
        }
        Matcher matcher = LIBPQ.matcher(url);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "Expected jdbc:postgresql://host[:port]/database or postgres://user:password@host[:port]/database: " + url);
        }
        String database = Optional.ofNullable(matcher.group(4)).filter(path -> path.length() > 1).orElse("/postgres");
        String query = Optional.ofNullable(matcher.group(5)).orElse("");
        return new Parsed("jdbc:postgresql://" + matcher.group(3) + database + query,
                Optional.ofNullable(matcher.group(1)).filter(user -> !user.isEmpty()).map(JdbcUrls::decode),
                Optional.ofNullable(matcher.group(2)).map(JdbcUrls::decode));
    }

    private static String decode(String part) {
        // In a URL's user part "+" is a plus sign, not the space that form encoding makes of it.
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
