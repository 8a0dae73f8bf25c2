package dev.ledgerstream.admin.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authenticates every request to the admin endpoints before its handler runs, so that no endpoint
 * can forget to; the principal is handed to the handler as an {@link AdminPrincipal} parameter
 * ({@link PrincipalArgumentResolver}), and the handler checks the community or the admin role.
 */
public class AuthenticationInterceptor implements HandlerInterceptor {

    static final String PRINCIPAL = AuthenticationInterceptor.class.getName() + ".principal";

    private final AdminAuthenticator authenticator;

    public AuthenticationInterceptor(AdminAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        request.setAttribute(PRINCIPAL, authenticator.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION)));
        return true;
    }
}
