package org.openbili.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Gives a test class the real engines it names before any Spring context starts: a database, Redis, Kafka,
 * and an issuer of access tokens.
 * Their addresses arrive as the same variables production reads ({@code DB_URL}, {@code REDIS_URL},
 * {@code KAFKA_BOOTSTRAP_SERVERS}), so the services' own configuration wires them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(Infrastructure.Extension.class)
public @interface Infrastructure {

    boolean database() default true;

    boolean redis() default true;

    boolean kafka() default true;

    /** Trust {@link TestTokens}: a JWKS server and the issuer, as the auth service would provide them. */
    boolean tokens() default true;

    /** Register with Eureka; off by default, as a test has no registry unless it starts one. */
    boolean discovery() default false;

    class Extension implements BeforeAllCallback {

        @Override
        public void beforeAll(ExtensionContext context) {
            Infrastructure wanted = AnnotationSupport.findAnnotation(
                            context.getRequiredTestClass(), Infrastructure.class)
                    .orElseThrow();
            if (wanted.database()) {
                TestDatabase.url();
            }
            if (wanted.redis()) {
                TestRedis.url();
                // Each context is a cluster of its own: a context kept from another test class must not hold the
                // locks of this one's scheduled jobs (resolved once per context, to a new value each time).
                System.setProperty("openbili.jobs.namespace", "test-${random.uuid}");
            }
            if (wanted.kafka()) {
                TestKafka.bootstrapServers();
            }
            if (wanted.tokens()) {
                TestTokens.jwksUri();
            }
            if (!wanted.discovery()) {
                System.setProperty("eureka.client.enabled", "false");
            }
        }
    }
}
