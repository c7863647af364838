package org.openbili.message.dynamic;

/**
 * How dynamic ids sit in the Redis sorted sets of the feed: the member is the id written with 19 digits and the
 * score its Snowflake millisecond, so sorting by score and then by member (which Redis does) is sorting by id, and
 * a score stays exact in a double. A marker at score -1 says a set was built from the database.
 */
final class Members {

    static final String INBOX_READY = "0000000000000000000";
    static final String TIMELINE_READY = "0000000000000000001";
    static final double MARKER_SCORE = -1;

    private Members() {}

    static String of(long id) {
        String digits = Long.toString(id);
        return "0".repeat(19 - digits.length()) + digits;
    }

    static double score(long id) {
        return id >>> 22;
    }

    static long id(String member) {
        return Long.parseLong(member);
    }
}
