package org.openbili.auth.token;

import java.util.List;

/**
 * The answer of every first-party sign-in: {@code {accessToken, refreshToken, expiresIn, user}}.
 *
 * @param expiresIn seconds the access token lives
 */
public record IssuedTokens(
        String accessToken, String refreshToken, long expiresIn, String tokenType, SignedInUser user) {

    /**
     * Who signed in. Nickname and avatar come from the user service and are null when it could not be asked.
     */
    public record SignedInUser(String uid, String username, String nickname, String avatarUrl, List<String> roles) {}
}
