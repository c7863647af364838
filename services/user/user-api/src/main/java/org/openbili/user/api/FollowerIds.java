package org.openbili.user.api;

import java.util.List;

/**
 * One page of a user's followers as bare uids, newest follow first, for services that fan out to them;
 * {@code total} is how many followers the user has in all, so a caller can tell a crowd from a few at once.
 *
 * @param nextCursor opaque, null on the last page
 */
public record FollowerIds(List<String> uids, String nextCursor, long total) {}
