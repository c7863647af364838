package org.openbili.message.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.openbili.common.id.Bvid;
import org.openbili.events.EventEnvelope;
import org.openbili.interaction.api.DanmakuPosted;
import org.openbili.interaction.api.InteractionEvents;
import org.openbili.testsupport.TestKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for the interaction service in the message service's tests, as a real HTTP server at the address
 * the Feign client is given: it answers {@code POST /internal/v1/videos/{bvid}/danmaku} as interaction does
 * (201 with the stored danmaku, or a problem) and announces the danmaku on Kafka as interaction's outbox does.
 * Interaction's own tests cover what it does behind that contract.
 */
public final class InteractionStandIn {

    /** Content that interaction answers with 429, as when someone posts too fast. */
    public static final String TOO_FAST = "太快了";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PATH = Pattern.compile("/internal/v1/videos/([A-Za-z0-9]+)/danmaku");

    private final HttpServer server;
    private final KafkaProducer<String, String> kafka;
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();

    private InteractionStandIn(HttpServer server) {
        this.server = server;
        this.kafka = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.LINGER_MS_CONFIG,
                0));
    }

    public static InteractionStandIn start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            InteractionStandIn standIn = new InteractionStandIn(server);
            server.createContext("/internal/v1/videos/", standIn::postDanmaku);
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** What the message service sent: path, uid, authorization and body of each call. */
    public List<Map<String, String>> received() {
        return received;
    }

    /** Announces a danmaku as interaction does after storing one, whether it came over REST or the socket. */
    public void announce(String bvid, long uid, int progressMs, String content) {
        String id = Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
        DanmakuPosted event = new DanmakuPosted(
                id,
                Long.toString(Bvid.decode(bvid)),
                bvid,
                Long.toString(uid),
                progressMs,
                "scroll",
                "#ffffff",
                25,
                content,
                List.of());
        EventEnvelope envelope = new EventEnvelope(
                Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)),
                "DanmakuPosted",
                Instant.now(),
                event.videoId(),
                JSON.valueToTree(event));
        kafka.send(new ProducerRecord<>(InteractionEvents.TOPIC, event.videoId(), envelope.toJson()));
        kafka.flush();
    }

    private void postDanmaku(HttpExchange exchange) throws IOException {
        Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
        String query = exchange.getRequestURI().getQuery();
        String uid = query == null ? "" : query.replaceFirst("^uid=", "");
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(Map.of(
                "path",
                exchange.getRequestURI().getPath(),
                "uid",
                uid,
                "authorization",
                String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                "body",
                body));
        if (!"POST".equals(exchange.getRequestMethod()) || !path.matches()) {
            answer(exchange, 404, "{\"status\":404,\"code\":\"NOT_FOUND\",\"detail\":\"Nothing is here.\"}");
            return;
        }
        JsonNode request = JSON.readTree(body);
        String content = request.path("content").asString();
        if (content.contains(TOO_FAST)) {
            answer(exchange, 429, "{\"status\":429,\"code\":\"DANMAKU_TOO_FAST\",\"detail\":\"发得太快了，请稍后再试\"}");
            return;
        }
        String bvid = path.group(1);
        announce(bvid, Long.parseLong(uid), request.path("progressMs").asInt(), content);
        answer(
                exchange,
                201,
                JSON.writeValueAsString(Map.of(
                        "id", "1",
                        "bvid", bvid,
                        "uid", uid,
                        "progressMs", request.path("progressMs").asInt(),
                        "mode", request.path("mode").asString(),
                        "color", request.path("color").asString(),
                        "size", request.path("size").asInt(),
                        "content", content,
                        "createdAt", Instant.now().toString())));
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders()
                .set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
