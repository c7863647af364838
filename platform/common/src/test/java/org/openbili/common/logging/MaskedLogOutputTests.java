package org.openbili.common.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.logback.LogbackLoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every output a service logs to, as configured for each deployment, masks a token in a message and in a stack
 * trace: text and JSON console lines ({@code logback-spring.xml}), the JSON file of standalone mode, and the same
 * two when standalone services share logback ({@link SharedLogbackLoggingSystem}).
 */
@ExtendWith(OutputCaptureExtension.class)
class MaskedLogOutputTests {

    private static final String TOKEN = SecretMaskerTests.JWT;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dataDir;

    private LoggingSystem system;

    @AfterEach
    void restoreLogging() {
        system.cleanUp();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
    }

    @Test
    void textConsoleLines(CapturedOutput output) {
        system = new LogbackLoggingSystem(getClass().getClassLoader());
        start(environment());

        logAFailedSocket();

        assertThat(output.getOut())
                .contains("uri=ws://localhost:8086/api/v1/ws?access_token=***]")
                .contains("IllegalStateException: token *** refused")
                .doesNotContain(TOKEN);
    }

    @Test
    void jsonConsoleLinesOfTheDistributedDeployment(CapturedOutput output) {
        system = new LogbackLoggingSystem(getClass().getClassLoader());
        start(environment("distributed"));

        logAFailedSocket();

        assertMasked(output.getOut().lines().toList());
    }

    @Test
    void jsonFileOfTheStandaloneDeployment(CapturedOutput output) throws IOException {
        system = new LogbackLoggingSystem(getClass().getClassLoader());
        start(environment("standalone"));

        logAFailedSocket();

        assertMasked(Files.readAllLines(dataDir.resolve("logs/message.json"), StandardCharsets.UTF_8));
        assertThat(output.getOut()).contains("access_token=***").doesNotContain(TOKEN);
    }

    @Test
    void consoleAndJsonFileOfServicesSharingLogback(CapturedOutput output) throws IOException {
        system = new SharedLogbackLoggingSystem(Thread.currentThread().getContextClassLoader());
        start(environment("standalone"));

        logAFailedSocket();

        assertMasked(Files.readAllLines(dataDir.resolve("logs/message.json"), StandardCharsets.UTF_8));
        assertThat(output.getOut())
                .contains("access_token=***")
                .contains("token *** refused")
                .doesNotContain(TOKEN);
    }

    /**
     * What Spring's WebSocket support logged for a session that failed: its handshake URL, token and all; returns once
     * it is written.
     */
    private static void logAFailedSocket() {
        LoggerFactory.getLogger("org.springframework.web.socket.handler.ExceptionWebSocketHandlerDecorator")
                .error(
                        "Closing session due to exception for StandardWebSocketSession[id=1, "
                                + "uri=ws://localhost:8086/api/v1/ws?access_token=" + TOKEN + "]",
                        new IllegalStateException("token " + TOKEN + " refused"));
        // logback-spring.xml writes from a thread of its own; stopping the context writes what still waits
        ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    }

    private static void assertMasked(List<String> lines) {
        JsonNode line = lines.stream()
                .filter(l -> l.startsWith("{") && l.contains("Closing session"))
                .map(JSON::readTree)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no JSON line for the failed socket in " + lines));
        assertThat(line.path("message").asString()).endsWith("uri=ws://localhost:8086/api/v1/ws?access_token=***]");
        assertThat(line.path("stack_trace").asString()).contains("token *** refused");
        assertThat(String.join("\n", lines)).doesNotContain(TOKEN);
    }

    private MockEnvironment environment(String... profiles) {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.application.name", "message")
                .withProperty("openbili.data-dir", dataDir.toString());
        environment.setActiveProfiles(profiles);
        return environment;
    }

    private void start(MockEnvironment environment) {
        system.beforeInitialize();
        system.initialize(
                new LoggingInitializationContext(environment),
                system instanceof LogbackLoggingSystem ? "classpath:logback-spring.xml" : null,
                null);
    }
}
