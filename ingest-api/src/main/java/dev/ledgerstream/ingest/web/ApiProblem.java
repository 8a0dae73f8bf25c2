package dev.ledgerstream.ingest.web;

import java.time.Duration;
import java.util.List;

/**
 * An RFC 9457 problem the API answers with: thrown by controllers, turned into
 * {@code application/problem+json} in one place ({@link ProblemHandler}). The detail is written
 * for the caller and never carries a stack trace or a secret.
 */
public final class ApiProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** One validation error: a JSON Pointer into the request body and what is wrong there. */
    public record FieldError(String pointer, String message) {
    }

    private final int status;
    private final String slug;
    private final String title;
    private final transient List<FieldError> errors;
    private final transient Duration retryAfter;

    private ApiProblem(int status, String slug, String title, String detail, List<FieldError> errors,
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

    public static ApiProblem invalid(String detail, List<FieldError> errors) {
        return new ApiProblem(400, "validation-failed", "Validation failed", detail, errors, null);
    }

    /** 401: no token, or a token that was refused. Answered with {@code WWW-Authenticate: Bearer}. */
    public static ApiProblem unauthorized(String slug, String detail) {
        return new ApiProblem(401, slug, "Unauthorized", detail, List.of(), null);
    }

    public static ApiProblem forbidden(String slug, String detail) {
        return new ApiProblem(403, slug, "Forbidden", detail, List.of(), null);
    }

    public static ApiProblem tooLarge(long limitBytes) {
        return new ApiProblem(413, "body-too-large", "Payload too large",
                "the request body exceeds the limit of " + limitBytes + " bytes", List.of(), null);
    }

    /**
     * 503: a dependency cannot answer now ({@code kafka-unavailable}, {@code key-source-unavailable});
     * the sender retries after {@code retryAfter}.
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

    public List<FieldError> errors() {
        return errors;
    }

    /** Set for 503 answers: when the sender should try again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
