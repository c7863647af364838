package org.openbili.message.users;

import org.openbili.user.api.UserClient;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Configuration;

/** The user service's client: cards and the follow graph. */
@Configuration
@EnableFeignClients(clients = UserClient.class)
class UsersConfiguration {}
