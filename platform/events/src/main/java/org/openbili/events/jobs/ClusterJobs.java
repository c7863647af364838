package org.openbili.events.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;

/**
 * Scheduled work that must run once per cluster, not once per instance: sweepers, janitors, write-behind flushes.
 * Every instance schedules the job; each run first takes the job's lock (ShedLock, in Redis), and an instance that
 * finds it taken skips that run. Lock names are global across services: prefix them with the service's name.
 * Each run is counted as {@code cluster.jobs} by job and outcome ({@code ran}, {@code skipped}), so that an operator
 * sees which instance did the work and that it is done at all.
 */
public class ClusterJobs {

    private final LockingTaskExecutor locks;
    private final MeterRegistry metrics;
    private final Clock clock;

    public ClusterJobs(LockingTaskExecutor locks, MeterRegistry metrics, Clock clock) {
        this.locks = locks;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Runs {@code work} unless another instance holds the job's lock; returns whether it ran here.
     *
     * @param atMost how long the lock outlives an instance that died while holding it: longer than a run takes
     * @param atLeast how long the lock is kept after a quick run, so that instances whose clocks or schedules differ
     *     a little do not run it again right after; shorter than the job's interval
     */
    public boolean runOnce(String job, Duration atMost, Duration atLeast, Runnable work) {
        boolean ran;
        try {
            ran = locks.executeWithLock(
                            () -> {
                                work.run();
                                return null;
                            },
                            new LockConfiguration(clock.instant(), job, atMost, atLeast))
                    .wasExecuted();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        Counter.builder("cluster.jobs")
                .description("runs of scheduled work that runs once per cluster, by where it ran")
                .tag("job", job)
                .tag("outcome", ran ? "ran" : "skipped")
                .register(metrics)
                .increment();
        return ran;
    }
}
