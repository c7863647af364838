package org.openbili.recommend.support;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openbili.events.DomainEvents;
import org.openbili.testsupport.Api;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The recommend service on a random port with its real engines (subclasses carry {@code @Infrastructure}): its
 * database, Redis, Kafka with the hot-list stream, a real HTTP server in the video service's place for the
 * partition tree. All subclasses share one application context. {@link #given} tells it what the other services
 * would, as events through an outbox to Kafka.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"openbili.recommend.model.refresh=1s", "openbili.recommend.hot.full-pass=20s"})
public abstract class DiscoveryTest {

    private static final VideoServiceStandIn VIDEO = VideoServiceStandIn.start();
    private static final Path DATA_DIR = Path.of("target", "test-data", Long.toString(System.currentTimeMillis()))
            .toAbsolutePath();

    @LocalServerPort
    protected int port;

    @Autowired
    private DomainEvents events;

    @Autowired
    private PlatformTransactionManager transactions;

    protected Api api;
    protected Events given;

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) {
        registry.add("openbili.data-dir", DATA_DIR::toString);
        registry.add("spring.cloud.discovery.client.simple.instances.video[0].uri", VIDEO::url);
    }

    private static boolean earlierListsForgotten;

    /**
     * Before the first context starts: the hot lists and rankings live in Redis, and CI's Redis is the machine's,
     * where earlier runs (and the standalone suites) left lists of their own that would crowd this run's videos.
     */
    @BeforeAll
    static synchronized void forgetEarlierRunsLists() {
        if (earlierListsForgotten) {
            return;
        }
        earlierListsForgotten = true;
        RedisClient client = RedisClient.create(System.getProperty("REDIS_URL"));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            List<String> keys = connection.sync().keys("rec:*");
            if (!keys.isEmpty()) {
                connection.sync().del(keys.toArray(String[]::new));
            }
        } finally {
            client.shutdown();
        }
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
        given = new Events(events, transactions);
    }
}
