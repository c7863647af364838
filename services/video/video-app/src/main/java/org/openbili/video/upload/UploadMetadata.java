package org.openbili.video.upload;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.openbili.common.problem.ApiException;

/**
 * The tus {@code Upload-Metadata} header ({@code filename <base64>,sha256 <base64>}), checked before any byte
 * is accepted so a bad request is a 400 naming the field.
 */
record UploadMetadata(String filename, String sha256) {

    static final String HEADER = "Upload-Metadata";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final int MAX_FILENAME = 255;

    static UploadMetadata parse(String header) {
        Map<String, String> values = new HashMap<>();
        if (header != null && !header.isBlank()) {
            for (String pair : header.split(",")) {
                String[] parts = pair.trim().split(" ", 2);
                values.put(parts[0], parts.length == 2 ? decode(parts[0], parts[1].trim()) : "");
            }
        }
        String filename =
                values.getOrDefault("filename", values.getOrDefault("name", "")).strip();
        if (filename.isEmpty()) {
            filename = "video";
        }
        if (filename.length() > MAX_FILENAME || filename.chars().anyMatch(Character::isISOControl)) {
            throw invalid("filename", "must be at most 255 characters without control characters");
        }
        String sha256 = values.get("sha256");
        if (sha256 != null && !sha256.isEmpty()) {
            sha256 = sha256.toLowerCase(Locale.ROOT);
            if (!SHA256.matcher(sha256).matches()) {
                throw invalid("sha256", "must be 64 hexadecimal digits");
            }
        } else {
            sha256 = null;
        }
        return new UploadMetadata(filename, sha256);
    }

    private static String decode(String key, String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(key, "is not base64");
        }
    }

    private static ApiException invalid(String key, String message) {
        return ApiException.invalidField(HEADER + "." + key, message);
    }
}
