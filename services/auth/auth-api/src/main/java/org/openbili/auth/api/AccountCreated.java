package org.openbili.auth.api;

/**
 * An account was committed. Written through the outbox in the account's own transaction, so the user service
 * learns of every account even when the synchronous profile call was lost: it confirms the profile, or
 * creates it when there is none.
 */
public record AccountCreated(String uid, String username, String nickname) {}
