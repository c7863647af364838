package org.openbili.video.media;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Media delivery ({@code openbili.video.media.*}).
 *
 * @param baseUrl prefix of media URLs handed to clients: empty for the site itself, or a CDN's address
 * @param signingKey when set, playlists and segments are served only through signed, expiring URLs
 * @param urlTtl how long a signed URL stays valid at least
 */
@ConfigurationProperties("openbili.video.media")
public record MediaProperties(
        @DefaultValue("") String baseUrl,
        @DefaultValue("") String signingKey,
        @DefaultValue("6h") Duration urlTtl) {

    public boolean signing() {
        return signingKey != null && !signingKey.isBlank();
    }
}
