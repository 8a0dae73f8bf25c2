package dev.ledgerstream.admin.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The browser-facing headers of every answer, set before the handler runs so that errors and
 * refusals carry them too. The dashboard and the API get a strict Content-Security-Policy (only
 * this origin's scripts, styles and requests; no framing, no base, no forms); the generated
 * API documentation ({@code /swagger-ui}) only the framing rule, because its page is not ours to
 * vet. API answers are tenant data and are never stored by a cache.
 */
public final class SecurityHeaders extends OncePerRequestFilter {

    static final String STRICT_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    static final String DOCUMENTATION_POLICY = "frame-ancestors 'none'";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        response.setHeader("Content-Security-Policy",
                path.startsWith("/swagger-ui") ? DOCUMENTATION_POLICY : STRICT_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (path.startsWith("/api/")) {
            response.setHeader("Cache-Control", "no-store");
        }
        chain.doFilter(request, response);
    }
}
