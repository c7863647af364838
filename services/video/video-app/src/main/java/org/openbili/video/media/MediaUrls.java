package org.openbili.video.media;

import org.springframework.stereotype.Component;

/** The URLs clients get for stored media: {@code /media/<key>}, signed when a signing key is set. */
@Component
public class MediaUrls {

    private final MediaProperties properties;
    private final MediaSigner signer;

    MediaUrls(MediaProperties properties, MediaSigner signer) {
        this.properties = properties;
        this.signer = signer;
    }

    public String url(String key) {
        if (key == null) {
            return null;
        }
        String base = properties.baseUrl() + "/media/";
        if (properties.signing() && MediaTypes.of(key).signed) {
            return base + signer.prefixFor(key) + "/" + key;
        }
        return base + key;
    }
}
