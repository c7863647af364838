package org.openbili.events.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.provider.redis.spring.RedisLockProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openbili.testsupport.TestRedis;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Two instances of a service, each with its own connection to the one Redis, schedule the same job at the same
 * moments: each round the job runs on one of them, never on both and never on both at once. On the Redis of the run
 * ({@code REDIS_URL}: the machine's in CI) and on the embedded one standalone mode runs.
 */
class ClusterJobsIntegrationTests {

    private static final int ROUNDS = 10;

    private final List<LettuceConnectionFactory> connections = new ArrayList<>();
    private final List<SimpleMeterRegistry> metrics = new ArrayList<>();
    private final List<ClusterJobs> instances = new ArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    static List<String> redisServers() {
        return List.of(TestRedis.url(), TestRedis.embedded());
    }

    private void twoInstances(String url) {
        URI redis = URI.create(url);
        for (int i = 0; i < 2; i++) {
            LettuceConnectionFactory connection =
                    new LettuceConnectionFactory(new RedisStandaloneConfiguration(redis.getHost(), redis.getPort()));
            connection.afterPropertiesSet();
            connection.start();
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            connections.add(connection);
            metrics.add(registry);
            instances.add(new ClusterJobs(
                    new DefaultLockingTaskExecutor(new RedisLockProvider(connection, "openbili")),
                    registry,
                    Clock.systemUTC()));
        }
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        connections.forEach(LettuceConnectionFactory::destroy);
    }

    @ParameterizedTest
    @MethodSource("redisServers")
    void eachRoundRunsOnOneInstanceOnly(String redis) throws Exception {
        twoInstances(redis);
        String job = "test.sweep-" + UUID.randomUUID();
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Runnable work = () -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            runs.incrementAndGet();
        };
        CyclicBarrier together = new CyclicBarrier(2);
        for (int round = 0; round < ROUNDS; round++) {
            List<Future<Boolean>> ran = new ArrayList<>();
            for (ClusterJobs instance : instances) {
                ran.add(threads.submit(() -> {
                    together.await();
                    return instance.runOnce(job, Duration.ofMinutes(1), Duration.ZERO, work);
                }));
            }
            assertThat(ran.get(0).get() ^ ran.get(1).get())
                    .as("round %d ran on exactly one instance", round)
                    .isTrue();
        }
        assertThat(runs).hasValue(ROUNDS);
        assertThat(mostAtOnce).as("never on both at once").hasValue(1);
        assertThat(count(job, "ran")).isEqualTo(ROUNDS);
        assertThat(count(job, "skipped")).isEqualTo(ROUNDS);
    }

    @ParameterizedTest
    @MethodSource("redisServers")
    void aQuickRunKeepsTheLockForItsMinimumSoAnInstanceALittleLateSkips(String redis) throws Exception {
        twoInstances(redis);
        String job = "test.janitor-" + UUID.randomUUID();
        AtomicInteger runs = new AtomicInteger();
        Duration atLeast = Duration.ofSeconds(2);
        // connected first: the minimum counts from the start of a run, and a first connection can take a while
        for (ClusterJobs instance : instances) {
            instance.runOnce("test.warm-up-" + UUID.randomUUID(), Duration.ofSeconds(1), Duration.ZERO, () -> {});
        }
        assertThat(instances.get(0).runOnce(job, Duration.ofMinutes(1), atLeast, runs::incrementAndGet))
                .isTrue();
        assertThat(instances.get(1).runOnce(job, Duration.ofMinutes(1), atLeast, runs::incrementAndGet))
                .as("a moment later, on the other instance")
                .isFalse();
        Thread.sleep(atLeast.toMillis() + 300);
        assertThat(instances.get(1).runOnce(job, Duration.ofMinutes(1), atLeast, runs::incrementAndGet))
                .as("once the minimum has passed")
                .isTrue();
        assertThat(runs).hasValue(2);
    }

    private long count(String job, String outcome) {
        return Math.round(metrics.stream()
                .mapToDouble(registry ->
                        registry.find("cluster.jobs").tag("job", job).tag("outcome", outcome).counters().stream()
                                .mapToDouble(c -> c.count())
                                .sum())
                .sum());
    }
}
