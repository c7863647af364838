package org.openbili.recommend.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** The video service's partition tree ({@code GET /api/v1/partitions}), served by a real HTTP server in its place. */
public final class VideoServiceStandIn {

    static final String TREE = """
            [{"slug":"anime","name":"动漫","children":[{"slug":"anime-mad","name":"MAD·AMV","children":[]},
              {"slug":"anime-bangumi","name":"番剧","children":[]}]},
             {"slug":"knowledge","name":"知识","children":[{"slug":"knowledge-science","name":"科学科普","children":[]}]},
             {"slug":"food","name":"美食","children":[]},
             {"slug":"film","name":"影视","children":[]},
             {"slug":"live","name":"直播","children":[]},
             {"slug":"news","name":"资讯","children":[]}]
            """;

    private final HttpServer server;

    private VideoServiceStandIn(HttpServer server) {
        this.server = server;
    }

    public static VideoServiceStandIn start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/api/v1/partitions", exchange -> {
                byte[] body = TREE.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return new VideoServiceStandIn(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
