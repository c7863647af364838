package org.openbili.video.support;

import java.nio.file.Path;
import org.openbili.testsupport.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The video service on a random port with real engines (database, Redis, Kafka: subclasses carry
 * {@code @Infrastructure}, which is not inherited), its media under a folder of this run, transcoding on with
 * the fastest preset, and stand-ins for the user service (uploader cards) and the interaction service (counters).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"openbili.video.transcode.enabled=true", "openbili.video.transcode.preset=ultrafast"})
public abstract class VideoServiceTest {

    protected static final StubServices USERS = StubServices.start();
    protected static final Path DATA_DIR = Path.of("target", "test-data", Long.toString(System.currentTimeMillis()))
            .toAbsolutePath();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) {
        registry.add("openbili.data-dir", DATA_DIR::toString);
        registry.add(
                "openbili.storage.local-root", () -> DATA_DIR.resolve("media").toString());
        registry.add("spring.cloud.discovery.client.simple.instances.user[0].uri", USERS::url);
        registry.add("spring.cloud.discovery.client.simple.instances.interaction[0].uri", USERS::url);
    }

    protected String base() {
        return "http://localhost:" + port;
    }

    protected Api api(long uid, String... roles) {
        return new Api(base(), TestTokens.forUser(uid, roles));
    }

    protected Api anonymous() {
        return new Api(base(), null);
    }

    protected TusClient tus(long uid) {
        return new TusClient(base(), TestTokens.forUser(uid));
    }
}
