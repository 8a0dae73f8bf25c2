package dev.ledgerstream.servicekit.web;

import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Maps every error of a service's HTTP API to RFC 9457 problem details in one place (a web service
 * imports it into its configuration): our own {@link ApiProblem}s, with {@code Retry-After} on 429
 * and 503 and {@code WWW-Authenticate: Bearer} on 401; the framework's client errors (404, 405, 406,
 * 415, a missing header or parameter), which keep their status; and anything unexpected, which
 * becomes a bare 500 with no internals and one log line for the operator.
 *
 * <p>A failure after a streamed answer has started (the audit export) cannot become a problem any
 * more: it is logged and rethrown, so that the container aborts the connection and the client sees
 * a truncated transfer, never a complete-looking one.
 */
@RestControllerAdvice
public class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    static final String TYPE_PREFIX = "urn:ledgerstream:problem:";

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem, HttpServletResponse response) {
        abortIfCommitted(problem, response);
        ProblemDetail body = problem(problem.status(), problem.slug(), problem.title(), problem.getMessage());
        if (!problem.errors().isEmpty()) {
            body.setProperty("errors", problem.errors().stream().map(ApiProblem.Error::asJson).toList());
        }
        HttpHeaders headers = new HttpHeaders();
        if (problem.retryAfter() != null) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, problem.retryAfter().toSeconds())));
        }
        if (problem.status() == 401) {
            // RFC 6750: a 401 names the scheme the client should use.
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return respond(problem.status(), headers, body);
    }

    /**
     * Anything else: the framework's own client errors (unsupported media type, unknown path, wrong
     * method, a parameter of the wrong type) keep their status; the rest is a bare 500 with no internals.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> other(Exception exception, HttpServletResponse response) {
        abortIfCommitted(exception, response);
        if (exception instanceof ErrorResponse error) {
            return frameworkProblem(error);
        }
        log.error("unexpected error while handling a request", exception);
        return respond(500, new HttpHeaders(), problem(500, "internal-error", "Internal server error",
                "the request could not be processed; it was not accepted, changed nothing and may be retried"));
    }

    private static void abortIfCommitted(Exception exception, HttpServletResponse response) {
        if (response.isCommitted()) {
            log.error("a streamed answer failed after it had started; aborting the connection", exception);
            throw new StreamAborted(exception);
        }
    }

    private static ResponseEntity<ProblemDetail> frameworkProblem(ErrorResponse error) {
        HttpStatusCode status = error.getStatusCode();
        String reason = HttpStatus.resolve(status.value()) != null
                ? HttpStatus.valueOf(status.value()).getReasonPhrase() : "Error";
        ProblemDetail body = problem(status.value(), slug(reason), reason, error.getBody().getDetail());
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(error.getHeaders());
        return respond(status.value(), headers, body);
    }

    private static ProblemDetail problem(int status, String slug, String title, String detail) {
        ProblemDetail body = ProblemDetail.forStatus(status);
        body.setType(URI.create(TYPE_PREFIX + slug));
        body.setTitle(title);
        body.setDetail(detail);
        return body;
    }

    private static ResponseEntity<ProblemDetail> respond(int status, HttpHeaders headers, ProblemDetail body) {
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    private static String slug(String reason) {
        return String.join("-", List.of(reason.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")));
    }

    /** Thrown out of the handler so that the container drops a connection whose answer was cut short. */
    static final class StreamAborted extends RuntimeException {

        private static final long serialVersionUID = 1L;

        StreamAborted(Throwable cause) {
            super("streamed answer aborted", cause);
        }
    }
}
