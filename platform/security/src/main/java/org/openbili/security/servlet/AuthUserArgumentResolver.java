package org.openbili.security.servlet;

import java.util.Optional;
import org.openbili.common.problem.ApiException;
import org.openbili.security.AuthUser;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves {@link AuthUser} and {@code Optional<AuthUser>} controller parameters from the request's token. */
final class AuthUserArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        if (parameter.getParameterType() == AuthUser.class) {
            return true;
        }
        return parameter.getParameterType() == Optional.class
                && parameter.nestedIfOptional().getNestedParameterType() == AuthUser.class;
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest request,
            WebDataBinderFactory binders) {
        Optional<AuthUser> user = current();
        if (parameter.getParameterType() == Optional.class) {
            return user;
        }
        return user.orElseThrow(() -> ApiException.unauthorized("UNAUTHORIZED", "Sign in to do this.")
                .withHeader("WWW-Authenticate", "Bearer"));
    }

    static Optional<AuthUser> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token && AuthUser.isUserToken(token.getToken())) {
            return Optional.of(AuthUser.from(token.getToken()));
        }
        return Optional.empty();
    }
}
