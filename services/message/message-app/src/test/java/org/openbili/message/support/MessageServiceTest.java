package org.openbili.message.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The message service on its real engines, calling stand-ins for the interaction and user services. Subclasses add
 * {@code @Infrastructure}; they all share one application context, so the service starts once per test run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class MessageServiceTest {

    protected static final InteractionStandIn INTERACTION = InteractionStandIn.start();
    protected static final UserStandIn USERS = UserStandIn.start();

    /** Where discovery finds "interaction" and "user", as Eureka would tell it. */
    protected static final String INTERACTION_ADDRESS =
            "spring.cloud.discovery.client.simple.instances.interaction[0].uri";

    protected static final String USER_ADDRESS = "spring.cloud.discovery.client.simple.instances.user[0].uri";

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void otherServices(DynamicPropertyRegistry registry) {
        registry.add(INTERACTION_ADDRESS, INTERACTION::uri);
        registry.add(USER_ADDRESS, USERS::uri);
    }
}
