package org.openbili.interaction.view;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.openbili.security.AuthUser;

/**
 * Who is watching, for counting a view once: the signed-in user, else the device id the player keeps
 * ({@code X-Device-Id} header or {@code buvid} cookie, as Bilibili's) together with the address.
 */
record Viewer(Long uid, String key) {

    static final String DEVICE_HEADER = "X-Device-Id";
    static final String DEVICE_COOKIE = "buvid";
    private static final int MAX_DEVICE_ID = 64;

    /**
     * The viewer as events name them: a SHA-256 of {@link #key()}, cut to 16 hex digits, so a consumer can count a
     * viewer once without learning an account, a device id or an address.
     */
    String anonymousKey() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Viewer of(Optional<AuthUser> user, HttpServletRequest request) {
        if (user.isPresent()) {
            return new Viewer(user.get().uid(), "u:" + user.get().uid());
        }
        String device = request.getHeader(DEVICE_HEADER);
        if ((device == null || device.isBlank()) && request.getCookies() != null) {
            for (var cookie : request.getCookies()) {
                if (DEVICE_COOKIE.equals(cookie.getName())) {
                    device = cookie.getValue();
                }
            }
        }
        String id = device == null || device.isBlank()
                ? "-"
                : device.strip().substring(0, Math.min(device.strip().length(), MAX_DEVICE_ID));
        // Behind the gateway the address is the client's (server.forward-headers-strategy: framework).
        return new Viewer(null, "d:" + id + ":" + request.getRemoteAddr());
    }
}
