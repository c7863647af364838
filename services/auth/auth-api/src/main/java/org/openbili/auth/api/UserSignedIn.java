package org.openbili.auth.api;

import java.time.Instant;

/** A user signed in (password, refresh excluded, or WeChat). The interaction service grants the day's coin. */
public record UserSignedIn(String uid, Instant at) {}
