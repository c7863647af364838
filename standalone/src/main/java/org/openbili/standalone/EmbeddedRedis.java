package org.openbili.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A real {@code redis-server} (from {@code org.signal:embedded-redis}) with its append-only file under the data
 * directory, so counters and rankings survive a restart. Stopped with the launcher.
 */
final class EmbeddedRedis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);

    private final RedisServer server;
    private final int port;

    private EmbeddedRedis(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static EmbeddedRedis start(Path directory, int port) throws IOException {
        Files.createDirectories(directory);
        RedisServer server = RedisServer.builder()
                .port(port)
                .setting("bind 127.0.0.1")
                .setting("dir " + directory)
                .setting("appendonly yes")
                .setting("appendfsync everysec")
                .setting("save 300 1")
                .setting("protected-mode yes")
                .build();
        server.start();
        log.info("Redis listens on 127.0.0.1:{}, data in {}", port, directory);
        return new EmbeddedRedis(server, port);
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Asks Redis to write its data and exit; the library's stop() then only reaps the process. */
    @Override
    public void close() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write("SHUTDOWN SAVE\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            in.read();
        } catch (IOException e) {
            // the connection closes when Redis exits, which is the point
        }
        server.stop();
        log.info("Redis stopped");
    }
}
