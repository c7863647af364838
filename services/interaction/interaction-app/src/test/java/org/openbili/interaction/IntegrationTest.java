package org.openbili.interaction;

import org.junit.jupiter.api.BeforeEach;
import org.openbili.events.DomainEvents;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The running service with its real engines. Concrete classes add {@code @Infrastructure}; they all share one
 * application context, so the service starts once per test run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    private DomainEvents events;

    @Autowired
    private PlatformTransactionManager transactions;

    protected Api api;
    protected Fixtures given;

    @BeforeEach
    void connect() {
        api = new Api(port);
        given = new Fixtures(api, events, transactions);
    }
}
