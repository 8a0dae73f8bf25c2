package dev.ledgerstream.ingest.web;

import dev.ledgerstream.servicekit.web.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body with a hard size limit, so an oversized body is refused with 413 before
 * anything parses it, whether or not the sender declared its length.
 */
public final class RequestBodies {

    private RequestBodies() {
    }

    /** The body's bytes; throws a 413 {@link ApiProblem} when it is longer than {@code limitBytes}. */
    public static byte[] read(HttpServletRequest request, int limitBytes) {
        long declared = request.getContentLengthLong();
        if (declared > limitBytes) {
            throw ApiProblem.tooLarge(limitBytes);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(limitBytes + 1);
            if (body.length > limitBytes) {
                throw ApiProblem.tooLarge(limitBytes);
            }
            return body;
        } catch (IOException e) {
            throw ApiProblem.badRequest("unreadable-body", "the request body could not be read completely");
        }
    }
}
