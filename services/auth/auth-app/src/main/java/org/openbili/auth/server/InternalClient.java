package org.openbili.auth.server;

import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;

/**
 * The client the services use to call each other (client_credentials, scope {@code internal}), registered at
 * every start with the secret of this deployment ({@code INTERNAL_CLIENT_SECRET}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class InternalClient implements ApplicationRunner {

    private final RegisteredClientRepository clients;
    private final PasswordEncoder passwords;
    private final String clientId;
    private final String secret;

    InternalClient(
            RegisteredClientRepository clients,
            PasswordEncoder passwords,
            @Value("${INTERNAL_CLIENT_ID:openbili-internal}") String clientId,
            @Value("${INTERNAL_CLIENT_SECRET:}") String secret) {
        this.clients = clients;
        this.passwords = passwords;
        this.clientId = clientId;
        // Without a configured secret nobody can use the client: a random one locks it.
        this.secret = secret.isBlank() ? UUID.randomUUID().toString() : secret;
    }

    @Override
    public void run(ApplicationArguments args) {
        RegisteredClient existing = clients.findByClientId(clientId);
        if (existing != null && passwords.matches(secret, existing.getClientSecret())) {
            return;
        }
        clients.save(RegisteredClient.withId(existing != null ? existing.getId() : clientId)
                .clientId(clientId)
                .clientName("OpenBili services")
                .clientSecret(passwords.encode(secret))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scope("internal")
                .build());
    }
}
