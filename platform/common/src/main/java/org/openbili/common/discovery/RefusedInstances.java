package org.openbili.common.discovery;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

/**
 * Instances that lately refused a connection, left out of load balancing for {@link #LEFT_OUT}.
 *
 * <p>An instance that dies (a crash, a SIGKILL, a node gone) stays in the registry until its lease runs out: tens of
 * seconds in which round robin would send it every other call. The first call it refuses marks it here, through the
 * load balancer's own lifecycle callback, which the gateway and Feign clients both report to; {@link #without} then
 * hides it from the choice. The caller sends that first call again, to an instance still listed (the gateway's
 * {@code RefusedConnectionRetry}, Feign's {@code SendAgainWhenRefused} in openbili-security). After {@link #LEFT_OUT}
 * the instance gets one call again: if it is back (a restart on the same address), it serves; if not, it is left out
 * once more, at the cost of one refused connect, which is retried too. When every instance of a service refused,
 * none is hidden: the calls then fail as they would without this.
 *
 * <p>Only a failed connect counts (a {@link ConnectException}: refused, or in the gateway's Netty client also timed
 * out): the request never reached the instance. An error after it was sent
 * (a 5xx, a connection closed mid-answer) says nothing certain about the instance and is the circuit breaker's
 * business.
 */
public final class RefusedInstances implements LoadBalancerLifecycle<Object, Object, ServiceInstance> {

    static final Duration LEFT_OUT = Duration.ofSeconds(10);

    private final Map<String, Long> leftOutUntil = new ConcurrentHashMap<>();
    private final MeterRegistry meters;

    /** {@code meters}: where to count the refusals ({@code loadbalancer.instances.refused}), or null. */
    RefusedInstances(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Whether {@code failure}, or one of its causes, says the connection to the instance was never made. */
    public static boolean refused(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void onStart(Request<Object> request) {}

    @Override
    public void onStartRequest(Request<Object> request, Response<ServiceInstance> response) {}

    @Override
    public void onComplete(CompletionContext<Object, ServiceInstance, Object> completion) {
        Response<ServiceInstance> chosen = completion.getLoadBalancerResponse();
        if (completion.status() != CompletionContext.Status.FAILED
                || chosen == null
                || !chosen.hasServer()
                || !refused(completion.getThrowable())) {
            return;
        }
        ServiceInstance instance = chosen.getServer();
        leftOutUntil.put(key(instance), System.nanoTime() + LEFT_OUT.toNanos());
        if (meters != null) {
            meters.counter("loadbalancer.instances.refused", "service", String.valueOf(instance.getServiceId()))
                    .increment();
        }
    }

    /** {@code instances} without those left out, or all of them when that would leave none. */
    List<ServiceInstance> without(List<ServiceInstance> instances) {
        if (leftOutUntil.isEmpty()) {
            return instances;
        }
        List<ServiceInstance> usable =
                instances.stream().filter(instance -> !leftOut(instance)).toList();
        return usable.isEmpty() ? instances : usable;
    }

    private boolean leftOut(ServiceInstance instance) {
        String key = key(instance);
        Long until = leftOutUntil.get(key);
        if (until == null) {
            return false;
        }
        if (System.nanoTime() - until >= 0) {
            leftOutUntil.remove(key, until);
            return false;
        }
        return true;
    }

    private static String key(ServiceInstance instance) {
        return instance.getServiceId() + "@" + instance.getHost() + ":" + instance.getPort();
    }

    /** The instances the registry lists for a service, less those left out; wraps the load balancer's usual list. */
    static final class Supplier extends DelegatingServiceInstanceListSupplier {

        private final RefusedInstances refused;

        Supplier(ServiceInstanceListSupplier delegate, RefusedInstances refused) {
            super(delegate);
            this.refused = refused;
        }

        @Override
        public Flux<List<ServiceInstance>> get() {
            return delegate.get().map(refused::without);
        }

        @Override
        public Flux<List<ServiceInstance>> get(Request request) {
            return delegate.get(request).map(refused::without);
        }
    }
}
