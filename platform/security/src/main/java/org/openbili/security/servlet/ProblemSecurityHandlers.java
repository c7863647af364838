package org.openbili.security.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.openbili.common.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 as problem+json, with the {@code WWW-Authenticate} header RFC 6750 asks for. */
public final class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        // A token was sent and refused (bad signature, expired, wrong issuer); otherwise none was sent at all.
        boolean badToken = e instanceof OAuth2AuthenticationException;
        response.setHeader("WWW-Authenticate", badToken ? "Bearer error=\"invalid_token\"" : "Bearer");
        write(
                response,
                Problems.of(
                        HttpStatus.UNAUTHORIZED,
                        badToken ? "INVALID_TOKEN" : "UNAUTHORIZED",
                        badToken ? "The access token is invalid or expired." : "Sign in to do this."));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(response, Problems.of(HttpStatus.FORBIDDEN, "FORBIDDEN", "You are not allowed to do this."));
    }

    private static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(Problems.MEDIA_TYPE.toString());
        response.getOutputStream().write(Problems.toJson(problem));
    }
}
