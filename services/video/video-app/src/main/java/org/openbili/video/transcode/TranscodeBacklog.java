package org.openbili.video.transcode;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How far transcoding is behind, as an operator's alert wants it: {@code transcode.waiting}, the videos submitted and
 * not yet through transcoding (state PROCESSING), and {@code transcode.oldest.age}, how long the oldest of them has
 * waited. Read from the database at each scrape, so every instance tells the same, whether it transcodes or not.
 */
@Component
class TranscodeBacklog implements MeterBinder {

    private final JdbcClient jdbc;
    private final Clock clock;

    TranscodeBacklog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("transcode.waiting", this, TranscodeBacklog::waiting)
                .description("videos submitted and not yet transcoded")
                .register(registry);
        Gauge.builder("transcode.oldest.age", this, TranscodeBacklog::oldestAge)
                .description("how long the longest-waiting video has been waiting to be transcoded (0: none)")
                .baseUnit("seconds")
                .register(registry);
    }

    private double waiting() {
        return jdbc.sql("SELECT COUNT(*) FROM video WHERE state = 'PROCESSING'")
                .query(Long.class)
                .single();
    }

    private double oldestAge() {
        // updated_at is UTC wall-clock time (hibernate.jdbc.time_zone: UTC), set when the video's source arrived and
        // it entered PROCESSING (or later, when its uploader edited it meanwhile)
        LocalDateTime oldest = jdbc.sql("SELECT MIN(updated_at) FROM video WHERE state = 'PROCESSING'")
                .query(LocalDateTime.class)
                .optional()
                .orElse(null);
        if (oldest == null) {
            return 0;
        }
        return Math.max(
                0,
                Duration.between(oldest.toInstant(ZoneOffset.UTC), clock.instant())
                                .toMillis()
                        / 1000.0);
    }
}
