package org.openbili.auth.support;

import org.junit.jupiter.api.BeforeEach;
import org.openbili.testsupport.Api;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.Ports;
import org.openbili.testsupport.TcpGate;
import org.openbili.testsupport.WeChatStandIn;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The auth service on a known port with everything it talks to, real: a database, Redis, Kafka, the user service
 * (its own process, reached through a {@link TcpGate} a test can close), and a stand-in for WeChat's servers.
 * Every test class shares this one configuration, so one application context serves them all. Subclasses repeat
 * {@code @Infrastructure(tokens = false)}: JUnit does not look for it on superclasses.
 */
@Infrastructure(tokens = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
public abstract class AuthIntegrationTest {

    public static final String ISSUER = "http://openbili.test";
    public static final String ADMIN = "root_admin";
    public static final String ADMIN_PASSWORD = "admin-passw0rd";
    protected static final int PORT = Ports.free();
    protected static final UserServiceProcess USERS = UserServiceProcess.start(PORT, ISSUER);
    /** The auth service reaches the user service through this gate; closing it is the user service going away. */
    protected static final TcpGate USER_GATE = new TcpGate("127.0.0.1", USERS.port());

    static {
        USER_GATE.open();
    }

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry properties) {
        properties.add("server.port", () -> PORT);
        properties.add("AUTH_ISSUER", () -> ISSUER);
        properties.add("AUTH_TOKEN_URI", () -> "http://127.0.0.1:" + PORT + "/oauth2/token");
        properties.add("INTERNAL_CLIENT_SECRET", () -> "internal-test-secret");
        properties.add(
                "spring.cloud.discovery.client.simple.instances.user[0].uri",
                () -> "http://127.0.0.1:" + USER_GATE.port());
        properties.add("WECHAT_API_BASE", () -> WeChatStandIn.start().baseUrl());
        properties.add("WECHAT_APPID", () -> WeChatStandIn.APP_ID);
        properties.add("WECHAT_SECRET", () -> WeChatStandIn.SECRET);
        properties.add("WECHAT_TIMEOUT", () -> "1s");
        properties.add("ADMIN_USERNAME", () -> ADMIN);
        properties.add("ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
        // Feign fails fast when the gate is closed instead of waiting out the default timeouts.
        properties.add("spring.cloud.openfeign.client.config.default.connect-timeout", () -> "1000");
        properties.add("spring.cloud.openfeign.client.config.default.read-timeout", () -> "5000");
    }

    @BeforeEach
    void userServiceIsUp() {
        USERS.awaitReady();
    }

    protected Api api() {
        return new Api(PORT);
    }

    protected Api userService() {
        return new Api(USERS.port());
    }
}
