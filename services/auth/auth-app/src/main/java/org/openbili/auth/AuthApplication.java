package org.openbili.auth;

import org.openbili.user.api.UserClient;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The auth service: accounts, password and WeChat sign-in, tokens, and the OAuth2 authorization server. */
@SpringBootApplication
@EnableScheduling
@EnableFeignClients(clients = UserClient.class)
public class AuthApplication {

    public static void main(String[] args) {
        SpringApplication.run(AuthApplication.class, args);
    }
}
