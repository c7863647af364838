package org.openbili.auth.server;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.openbili.common.problem.ProblemField;
import org.openbili.common.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * What a refused authorization request answers (RFC 6749 §4.1.2.1). An error the application may hear of goes to
 * its registered redirect URI. One that must not be redirected (an unknown client, a redirect URI it never
 * registered, a client that may not use this flow) is a 400 told to the person on a page of ours, or as
 * problem+json to a caller that does not ask for HTML; nothing is ever sent to an address the client did not
 * register.
 */
@Component
class AuthorizationErrors implements AuthenticationFailureHandler {

    private static final String PARAMETER_PREFIX = "OAuth 2.0 Parameter: ";

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        OAuth2Error error = ((OAuth2AuthenticationException) exception).getError();
        OAuth2AuthorizationCodeRequestAuthenticationToken asked =
                exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException e
                        ? e.getAuthorizationCodeRequestAuthentication()
                        : null;
        if (asked == null || !StringUtils.hasText(asked.getRedirectUri())) {
            refuse(request, response, error);
            return;
        }
        UriComponentsBuilder back = UriComponentsBuilder.fromUriString(asked.getRedirectUri())
                .queryParam(OAuth2ParameterNames.ERROR, error.getErrorCode());
        if (StringUtils.hasText(error.getDescription())) {
            back.queryParam(OAuth2ParameterNames.ERROR_DESCRIPTION, encode(error.getDescription()));
        }
        if (StringUtils.hasText(asked.getState())) {
            back.queryParam(OAuth2ParameterNames.STATE, encode(asked.getState()));
        }
        response.sendRedirect(back.build(true).toUriString());
    }

    /** A 400 that stays here: a page for a browser, problem+json for anything else. */
    void refuse(HttpServletRequest request, HttpServletResponse response, OAuth2Error error) throws IOException {
        String parameter = parameter(error);
        String reason = reason(error.getErrorCode(), parameter);
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept != null && accept.contains(MediaType.TEXT_HTML_VALUE)) {
            response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
            response.getWriter()
                    .write(SignInPages.page(
                            "授权失败",
                            "<h1>授权失败</h1><p class=\"error\">" + SignInPages.escape(reason) + "</p>"
                                    + "<p class=\"note\">请回到原来的应用重试，或联系该应用的开发者。</p>"));
            return;
        }
        response.setContentType(Problems.MEDIA_TYPE.toString());
        response.getOutputStream()
                .write(Problems.toJson(Problems.of(
                        HttpStatus.BAD_REQUEST,
                        "OAUTH_" + error.getErrorCode().toUpperCase(Locale.ROOT),
                        reason,
                        parameter == null ? List.of() : List.of(new ProblemField(parameter, reason)))));
    }

    private static String reason(String code, String parameter) {
        if (OAuth2ParameterNames.REDIRECT_URI.equals(parameter)) {
            return "回调地址与该应用登记的不一致。";
        }
        if (OAuth2ErrorCodes.UNAUTHORIZED_CLIENT.equals(code)) {
            return "该应用不能通过这种方式请求授权。";
        }
        if (OAuth2ParameterNames.CLIENT_ID.equals(parameter)) {
            return "未知的应用。";
        }
        return parameter == null ? "授权请求无效。" : "授权请求的参数 " + parameter + " 无效。";
    }

    /** Spring's errors name the offending parameter in their description. */
    private static String parameter(OAuth2Error error) {
        String description = error.getDescription();
        return description != null && description.startsWith(PARAMETER_PREFIX)
                ? description.substring(PARAMETER_PREFIX.length())
                : null;
    }

    private static String encode(String value) {
        return UriUtils.encode(value, StandardCharsets.UTF_8);
    }
}
