package org.openbili.security.servlet;

import org.openbili.common.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Method-security failures inside controllers: 401 for anonymous callers, 403 for signed-in ones. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityProblemAdvice {

    private final AuthenticationTrustResolverImpl trust = new AuthenticationTrustResolverImpl();

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e) {
        if (trust.isAnonymous(SecurityContextHolder.getContext().getAuthentication())
                || SecurityContextHolder.getContext().getAuthentication() == null) {
            return unauthorized();
        }
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .contentType(Problems.MEDIA_TYPE)
                .body(Problems.of(HttpStatus.FORBIDDEN, "FORBIDDEN", "You are not allowed to do this."));
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException e) {
        return unauthorized();
    }

    private static ResponseEntity<ProblemDetail> unauthorized() {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header("WWW-Authenticate", "Bearer")
                .contentType(Problems.MEDIA_TYPE)
                .body(Problems.of(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "Sign in to do this."));
    }
}
