package org.openbili.message.realtime;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The message service with its WebSocket, calling a stand-in interaction service. Subclasses add {@code @Infrastructure}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class RealtimeTest {

    static final InteractionStandIn INTERACTION = InteractionStandIn.start();

    /** Where discovery finds "interaction", as Eureka would tell it. */
    static final String INTERACTION_ADDRESS = "spring.cloud.discovery.client.simple.instances.interaction[0].uri";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void interaction(DynamicPropertyRegistry registry) {
        registry.add(INTERACTION_ADDRESS, INTERACTION::uri);
    }
}
