package dev.ledgerstream.admin.auth;

import dev.ledgerstream.servicekit.web.ApiProblem;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Hands the {@link AdminPrincipal} that {@link AuthenticationInterceptor} verified to a handler parameter. */
public class PrincipalArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == AdminPrincipal.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        Object principal = webRequest.getAttribute(AuthenticationInterceptor.PRINCIPAL, RequestAttributes.SCOPE_REQUEST);
        if (principal instanceof AdminPrincipal admin) {
            return admin;
        }
        // A handler outside the authenticated paths asked for a principal: refuse rather than guess.
        throw ApiProblem.unauthorized("missing-token", "an Authorization: Bearer token is required");
    }
}
