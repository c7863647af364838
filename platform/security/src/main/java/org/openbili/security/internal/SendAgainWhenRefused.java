package org.openbili.security.internal;

import feign.RetryableException;
import feign.Retryer;
import org.openbili.common.discovery.RefusedInstances;

/**
 * A Feign call whose connection an instance refused is sent once more: the load balancer has left that instance out
 * by then ({@link RefusedInstances}), so it goes to another one. Nothing of it reached the refusing instance, so
 * this holds for writes too. Any other failure is not retried, as before (Feign's default never retries).
 */
final class SendAgainWhenRefused implements Retryer {

    private boolean sentAgain;

    @Override
    public void continueOrPropagate(RetryableException failure) {
        if (sentAgain || !RefusedInstances.refused(failure)) {
            throw failure;
        }
        sentAgain = true;
    }

    @Override
    public Retryer clone() {
        return new SendAgainWhenRefused();
    }
}
