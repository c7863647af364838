package org.openbili.testsupport;

import redis.embedded.RedisServer;

/**
 * The Redis of this test run: the one at {@code REDIS_URL} when it is set (CI's), otherwise a real
 * {@code redis-server} started from {@code org.signal:embedded-redis} on a free port and stopped with the JVM.
 * Published as the {@code REDIS_URL} system property.
 */
public final class TestRedis {

    private static String url;

    private TestRedis() {}

    public static synchronized String url() {
        if (url == null) {
            String external = System.getenv("REDIS_URL");
            url = external == null || external.isBlank() ? startEmbedded() : external;
            System.setProperty("REDIS_URL", url);
        }
        return url;
    }

    private static String embedded;

    /**
     * A real {@code redis-server} of this run started from {@code org.signal:embedded-redis}, as standalone mode runs
     * it, whether or not {@code REDIS_URL} names another: for tests that must hold on both.
     */
    public static synchronized String embedded() {
        if (embedded == null) {
            String external = System.getenv("REDIS_URL");
            embedded = url != null && (external == null || external.isBlank()) ? url : startEmbedded();
        }
        return embedded;
    }

    private static String startEmbedded() {
        int port = Ports.free();
        RedisServer server = RedisServer.builder()
                .port(port)
                .setting("bind 127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return "redis://127.0.0.1:" + port;
    }
}
