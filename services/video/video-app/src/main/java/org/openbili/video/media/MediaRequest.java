package org.openbili.video.media;

import org.openbili.storage.StorageKeys;

/**
 * What a {@code /media/...} path asks for: an object key, and the signature it carries if any. Only keys the
 * storage rules accept get through, so no path can name a file outside the media root.
 */
record MediaRequest(String key, Long expires, String signature) {

    static final String PATH = "/media/";

    /** Null when the path is not one we could ever serve. */
    static MediaRequest parse(String requestUri) {
        if (requestUri == null || !requestUri.startsWith(PATH)) {
            return null;
        }
        String rest = requestUri.substring(PATH.length());
        Long expires = null;
        String signature = null;
        if (rest.startsWith(MediaSigner.MARKER + "/")) {
            String[] parts = rest.split("/", 4);
            if (parts.length < 4) {
                return null;
            }
            try {
                expires = Long.parseLong(parts[1]);
            } catch (NumberFormatException e) {
                return null;
            }
            signature = parts[2];
            rest = parts[3];
        }
        if (!StorageKeys.isValid(rest)) {
            return null;
        }
        return new MediaRequest(rest, expires, signature);
    }

    boolean isSigned() {
        return signature != null;
    }
}
