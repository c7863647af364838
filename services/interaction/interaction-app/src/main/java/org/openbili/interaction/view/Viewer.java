package org.openbili.interaction.view;

import jakarta.servlet.http.HttpServletRequest;
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
