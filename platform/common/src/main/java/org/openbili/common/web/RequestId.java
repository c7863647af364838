package org.openbili.common.web;

import java.util.UUID;
import java.util.regex.Pattern;

/** The id that follows one client request through the gateway, every service it touches and their logs. */
public final class RequestId {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestId() {}

    /** The id a caller sent, when it is sane; otherwise a new one. */
    public static String acceptOrCreate(String incoming) {
        return incoming != null && ACCEPTABLE.matcher(incoming).matches() ? incoming : create();
    }

    public static String create() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
