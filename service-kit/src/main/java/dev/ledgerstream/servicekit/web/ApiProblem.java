package dev.ledgerstream.servicekit.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem a service's HTTP API answers with (SPEC 3, 7): thrown anywhere in a request,
 * turned into {@code application/problem+json} in one place ({@link ProblemHandler}). The detail is
 * written for the caller and never carries a stack trace, SQL, a secret or another tenant's data.
 */
public final class ApiProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** One entry of a problem's {@code errors} array. */
    public sealed interface Error {

        /** The entry as it is answered. */
        Map<String, String> asJson();
    }

    /** One invalid part of a request body: a JSON Pointer into it and what is wrong there. */
    public record FieldError(String pointer, String message) implements Error {

        @Override
        public Map<String, String> asJson() {
            return Map.of("pointer", pointer, "message", message);
        }
    }

    /** One invalid query or path parameter and what is wrong with it. */
    public record ParameterError(String parameter, String message) implements Error {

        @Override
        public Map<String, String> asJson() {
            return Map.of("parameter", parameter, "message", message);
        }
    }

    private final int status;
    private final String slug;
    private final String title;
    private final transient List<Error> errors;
    private final transient Duration retryAfter;

    private ApiProblem(int status, String slug, String title, String detail, List<? extends Error> errors,
            Duration retryAfter) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    public static ApiProblem badRequest(String slug, String detail) {
        return new ApiProblem(400, slug, "Bad request", detail, List.of(), null);
    }

    /** 400 for a request body with invalid fields, one entry per field. */
    public static ApiProblem invalid(String detail, List<FieldError> errors) {
        return new ApiProblem(400, "validation-failed", "Validation failed", detail, errors, null);
    }

    /** 400 for one bad query or path parameter. */
    public static ApiProblem invalidParameter(String parameter, String message) {
        return new ApiProblem(400, "invalid-parameter", "Invalid parameter", parameter + ": " + message,
                List.of(new ParameterError(parameter, message)), null);
    }

    /** 401: no token, or a token that was refused. Answered with {@code WWW-Authenticate: Bearer}. */
    public static ApiProblem unauthorized(String slug, String detail) {
        return new ApiProblem(401, slug, "Unauthorized", detail, List.of(), null);
    }

    /** 403: a valid token whose scope, role or community does not allow this request. */
    public static ApiProblem forbidden(String slug, String detail) {
        return new ApiProblem(403, slug, "Forbidden", detail, List.of(), null);
    }

    /** 404: what the request names does not exist in the ledger. */
    public static ApiProblem notFound(String slug, String detail) {
        return new ApiProblem(404, slug, "Not found", detail, List.of(), null);
    }

    /** 409: the request is valid but the ledger's state does not allow it. */
    public static ApiProblem conflict(String slug, String detail) {
        return new ApiProblem(409, slug, "Conflict", detail, List.of(), null);
    }

    /** 413: the request body is over the endpoint's limit. */
    public static ApiProblem tooLarge(long limitBytes) {
        return new ApiProblem(413, "body-too-large", "Payload too large",
                "the request body exceeds the limit of " + limitBytes + " bytes", List.of(), null);
    }

    /** 429: this caller has too many requests of a kind running; retry after a while. */
    public static ApiProblem tooManyRequests(String slug, String detail, Duration retryAfter) {
        return new ApiProblem(429, slug, "Too many requests", detail, List.of(), retryAfter);
    }

    /**
     * 503: a dependency cannot answer now ({@code kafka-unavailable}, {@code key-source-unavailable},
     * the database); the caller retries after {@code retryAfter}.
     */
    public static ApiProblem unavailable(String slug, String detail, Duration retryAfter) {
        return new ApiProblem(503, slug, "Service unavailable", detail, List.of(), retryAfter);
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public List<Error> errors() {
        return errors;
    }

    /** Set for 429 and 503 answers: when the caller should try again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
