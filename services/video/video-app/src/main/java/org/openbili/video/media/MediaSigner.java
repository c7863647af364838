package org.openbili.video.media;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Expiring signatures for media URLs. A signature covers a scope, the first two segments of a key (for example
 * {@code videos/123}), and travels in the path ({@code /media/_s/<expires>/<sig>/videos/123/...}), so the
 * relative URLs inside a master playlist inherit it. Expiry is rounded up to the hour: everyone watching in the
 * same hour gets the same URLs, which a CDN can cache once.
 */
@Component
class MediaSigner {

    static final String MARKER = "_s";
    private static final long BUCKET_SECONDS = 3600;

    private final MediaProperties properties;
    private final Clock clock;

    MediaSigner(MediaProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** The path prefix that authorizes reading {@code key} until a while from now. */
    String prefixFor(String key) {
        long at = clock.instant().plus(properties.urlTtl()).getEpochSecond();
        long expires = (at + BUCKET_SECONDS - 1) / BUCKET_SECONDS * BUCKET_SECONDS;
        return MARKER + "/" + expires + "/" + signature(expires, scope(key));
    }

    boolean isValid(long expires, String signature, String key) {
        if (expires < clock.instant().getEpochSecond()) {
            return false;
        }
        byte[] expected = signature(expires, scope(key)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    static String scope(String key) {
        int first = key.indexOf('/');
        int second = first < 0 ? -1 : key.indexOf('/', first + 1);
        return second < 0 ? key : key.substring(0, second);
    }

    private String signature(long expires, String scope) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(properties.signingKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((expires + ":" + scope).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
