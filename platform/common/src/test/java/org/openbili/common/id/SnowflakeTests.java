package org.openbili.common.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class SnowflakeTests {

    @Test
    void idsFromOneWorkerGrowAndNeverRepeat() {
        Snowflake ids = new Snowflake(7);
        long previous = -1;
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            long id = ids.nextId();
            assertThat(id).isGreaterThan(previous);
            assertThat(seen.add(id)).isTrue();
            previous = id;
        }
    }

    @Test
    void concurrentCallersNeverGetTheSameId() throws InterruptedException {
        Snowflake ids = new Snowflake(1);
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch done = new CountDownLatch(8);
        for (int t = 0; t < 8; t++) {
            new Thread(() -> {
                        for (int i = 0; i < 20_000; i++) {
                            seen.add(ids.nextId());
                        }
                        done.countDown();
                    })
                    .start();
        }
        done.await();
        assertThat(seen).hasSize(160_000);
    }

    @Test
    void differentWorkersNeverCollideInTheSameMillisecond() {
        Clock frozen = Clock.fixed(Instant.parse("2026-05-01T00:00:00Z"), ZoneOffset.UTC);
        Snowflake a = new Snowflake(1, frozen);
        Snowflake b = new Snowflake(2, frozen);
        assertThat(a.nextId()).isNotEqualTo(b.nextId());
    }

    @Test
    void theTimeOfAnIdIsWhenItWasMade() {
        Instant at = Instant.parse("2026-05-01T12:34:56.789Z");
        long id = new Snowflake(3, Clock.fixed(at, ZoneOffset.UTC)).nextId();
        assertThat(Snowflake.timeOf(id)).isEqualTo(at);
        assertThat(id).isPositive();
    }

    @Test
    void workerOutsideTheRangeIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Snowflake(1024));
        assertThatIllegalArgumentException().isThrownBy(() -> new Snowflake(-1));
    }
}
