package org.openbili.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.Ports;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * A service's Feign client, load balanced over two instances of another service of which one has died (its address
 * refuses connections): every call, writes included, reaches the live one, and the dead one is tried once.
 */
@Infrastructure(database = false, redis = false, kafka = false)
@SpringBootTest(classes = RefusedInstancesFeignIntegrationTests.App.class)
class RefusedInstancesFeignIntegrationTests {

    static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
    static final HttpServer LIVE = live();
    /** No one listens there: a port just found free. */
    static final int DEAD_PORT = Ports.free();

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        String live = "http://127.0.0.1:" + LIVE.getAddress().getPort();
        registry.add("spring.cloud.discovery.client.simple.instances.things[0].uri", () -> live);
        registry.add(
                "spring.cloud.discovery.client.simple.instances.things[1].uri", () -> "http://127.0.0.1:" + DEAD_PORT);
        // the service token every internal call carries comes from the live stand-in too
        registry.add("AUTH_TOKEN_URI", () -> live + "/oauth2/token");
    }

    @AfterAll
    static void stop() {
        LIVE.stop(0);
    }

    @Autowired
    Things things;

    @Autowired
    MeterRegistry meters;

    @Test
    void callsRefusedByADeadInstanceGoToTheLiveOneAndTheDeadOneIsTriedOnce() {
        for (int i = 0; i < 10; i++) {
            assertThat(things.add("{\"call\":" + i + "}")).isEqualTo("{\"ok\":true}");
        }
        assertThat(RECEIVED)
                .containsExactlyElementsOf(IntStream.range(0, 10)
                        .mapToObj(i -> "{\"call\":" + i + "}")
                        .toList());
        assertThat(meters.counter("loadbalancer.instances.refused", "service", "things")
                        .count())
                .isEqualTo(1);
    }

    @FeignClient(name = "things")
    interface Things {
        @PostMapping(path = "/internal/v1/things", consumes = "application/json")
        String add(@RequestBody String json);
    }

    @SpringBootApplication
    @EnableFeignClients(clients = Things.class)
    static class App {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    private static HttpServer live() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext(
                    "/oauth2/token",
                    exchange -> respond(
                            exchange, "{\"access_token\":\"internal\",\"token_type\":\"Bearer\",\"expires_in\":300}"));
            server.createContext("/internal/v1/things", exchange -> {
                RECEIVED.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                respond(exchange, "{\"ok\":true}");
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void respond(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
