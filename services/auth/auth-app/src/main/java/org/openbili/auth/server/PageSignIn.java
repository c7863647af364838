package org.openbili.auth.server;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.openbili.auth.account.Account;
import org.openbili.auth.account.Roles;
import org.openbili.auth.login.PasswordLogin;
import org.openbili.common.problem.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Signing in on the OAuth2 login page, with the same password check and throttling as the first-party API.
 * The session's principal is the uid, so the tokens a third party gets name the user by uid like ours do.
 * Third parties act as a plain user whatever roles the account has.
 */
@Component
class PageSignIn implements AuthenticationProvider {

    private final PasswordLogin login;

    PageSignIn(PasswordLogin login) {
        this.login = login;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String address =
                attempt.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
        Account account;
        try {
            account = login.signIn(attempt.getName(), String.valueOf(attempt.getCredentials()), address);
        } catch (ApiException refused) {
            if (refused.status() == HttpStatus.TOO_MANY_REQUESTS) {
                throw new LockedException(refused.getMessage());
            }
            throw new BadCredentialsException(refused.getMessage());
        }
        // The password factor carries the sign-in time: OpenID Connect's auth_time is read from it.
        UsernamePasswordAuthenticationToken signedIn = UsernamePasswordAuthenticationToken.authenticated(
                Long.toString(account.uid()),
                null,
                List.of(
                        FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY),
                        new SimpleGrantedAuthority("ROLE_" + Roles.USER)));
        signedIn.setDetails(attempt.getDetails());
        return signedIn;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** Back to the page, which says why (wrong password, or too many attempts) without naming the account. */
    void failed(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String reason = e instanceof LockedException ? "throttled" : "credentials";
        response.sendRedirect(
                request.getContextPath() + AuthorizationServerConfiguration.LOGIN_PAGE + "?error=" + reason);
    }
}
