package org.openbili.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class VerifiedTokensTests {

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-12-07T10:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final TestClock clock = new TestClock();
    private final VerifiedTokens tokens = new VerifiedTokens(100, clock);

    private Jwt expiringIn(Duration lifetime) {
        return Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .subject("1")
                .issuedAt(clock.now.minus(Duration.ofHours(1)))
                .expiresAt(clock.now.plus(lifetime))
                .build();
    }

    @Test
    void aVerifiedTokenIsFoundUntilTheMomentItExpires() {
        tokens.add("token-a", expiringIn(Duration.ofMinutes(5)));
        clock.now = clock.now.plus(Duration.ofMinutes(5).minusMillis(1));
        assertThat(tokens.find("token-a")).isNotNull();
        clock.now = clock.now.plusMillis(1);
        assertThat(tokens.find("token-a"))
                .as("expired: it must be checked again, and refused")
                .isNull();
    }

    @Test
    void onlyTheVeryTokenThatWasVerifiedIsFound() {
        tokens.add("token-a", expiringIn(Duration.ofMinutes(5)));
        assertThat(tokens.find("token-a ")).isNull();
        assertThat(tokens.find("token-b")).isNull();
    }

    @Test
    void aLongLivedTokenIsCheckedAfreshAfterTenMinutes() {
        tokens.add("token-a", expiringIn(Duration.ofHours(2)));
        clock.now = clock.now.plus(VerifiedTokens.LONGEST);
        assertThat(tokens.find("token-a")).isNull();
    }

    @Test
    void tokensWithoutAFutureExpiryAreNotKept() {
        tokens.add("expired", expiringIn(Duration.ofSeconds(-1)));
        tokens.add(
                "no expiry",
                Jwt.withTokenValue("t").header("alg", "RS256").subject("1").build());
        assertThat(tokens.find("expired")).isNull();
        assertThat(tokens.find("no expiry")).isNull();
    }
}
