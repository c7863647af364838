package org.openbili.message.dynamic;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.redis.connection.DefaultStringRedisConnection;
import org.springframework.data.redis.connection.StringRedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Reading the feed (动态): the user's inbox, where the dynamics of authors with few followers were pushed, merged by
 * id with the timelines of the pulled authors they follow (too many followers to push to), newest first. What is
 * gone from the database (deleted) or by someone no longer followed is skipped, and an id in both an inbox and a
 * timeline is shown once, so pages never repeat.
 */
@Component
class Feed {

    /** The "new" badge counts this many at most. */
    static final int MAX_NEW = 99;

    private final StringRedisTemplate redis;
    private final Timelines timelines;
    private final Following following;
    private final Dynamics dynamics;

    Feed(StringRedisTemplate redis, Timelines timelines, Following following, Dynamics dynamics) {
        this.redis = redis;
        this.timelines = timelines;
        this.following = following;
        this.dynamics = dynamics;
    }

    /** Up to {@code size} dynamics older than {@code before} (null: the newest), and whether more follow. */
    record Page(List<DynamicRow> items, boolean more) {}

    Page page(long me, Long before, int size) {
        List<DynamicRow> found = read(me, before == null ? null : Members.of(before), null, size + 1);
        return found.size() > size ? new Page(found.subList(0, size), true) : new Page(found, false);
    }

    /** The dynamics newer than {@code since}, newest first, at most {@link #MAX_NEW}. */
    List<DynamicRow> newer(long me, long since) {
        return read(me, null, Members.of(since), MAX_NEW);
    }

    private List<DynamicRow> read(long me, String before, String after, int wanted) {
        Set<Long> authors = new HashSet<>(following.of(me));
        authors.add(me);
        Set<Long> pulled = timelines.pulledAmong(authors);
        List<Source> sources = new ArrayList<>();
        sources.add(new Source(Timelines.inbox(me), Members.INBOX_READY, null, before, after, wanted));
        for (long author : pulled) {
            sources.add(new Source(Timelines.timeline(author), Members.TIMELINE_READY, author, before, after, wanted));
        }
        fill(sources, me, authors, pulled);

        List<DynamicRow> shown = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (shown.size() < wanted) {
            List<Long> candidates = new ArrayList<>();
            while (candidates.size() < wanted - shown.size()) {
                Source best = null;
                for (Source source : sources) {
                    String head = source.head();
                    if (head != null && (best == null || head.compareTo(best.head()) > 0)) {
                        best = source;
                    }
                }
                if (best == null) {
                    break;
                }
                String member = best.take();
                if (seen.add(member)) {
                    candidates.add(Members.id(member));
                }
            }
            if (candidates.isEmpty()) {
                break;
            }
            Map<Long, DynamicRow> rows =
                    dynamics.byIds(candidates).stream().collect(Collectors.toMap(DynamicRow::id, Function.identity()));
            for (long id : candidates) {
                DynamicRow row = rows.get(id);
                if (row != null && authors.contains(row.authorUid()) && shown.size() < wanted) {
                    shown.add(row);
                }
            }
        }
        return shown;
    }

    /**
     * The first batch of every source in one round trip to Redis, with each set's "built" marker; a set Redis lost
     * (or never had) is built from the database first and read again.
     */
    private void fill(List<Source> sources, long me, Set<Long> authors, Set<Long> pulled) {
        List<Object> answers = redis.executePipelined((RedisCallback<Object>) connection -> {
            StringRedisConnection c = new DefaultStringRedisConnection(connection);
            for (Source source : sources) {
                c.zScore(source.key, source.marker);
                source.ask(c, 0);
            }
            return null;
        });
        for (int i = 0; i < sources.size(); i++) {
            Source source = sources.get(i);
            if (answers.get(2 * i) == null) {
                if (source.author == null) {
                    Set<Long> pushed = new HashSet<>(authors);
                    pushed.removeAll(pulled);
                    timelines.rebuildInbox(me, pushed);
                } else {
                    timelines.ensureTimeline(source.author);
                }
                source.refill();
            } else {
                source.took(members(answers.get(2 * i + 1)));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Collection<String> members(Object answer) {
        return answer == null ? List.of() : (Collection<String>) answer;
    }

    /**
     * One sorted set read from the newest down, a batch at a time: members below {@code before} and above
     * {@code after} (either may be absent), markers never.
     */
    private final class Source {

        final String key;
        final String marker;
        final Long author;
        final String after;
        final int batch;
        final Deque<String> buffered = new ArrayDeque<>();
        String before;
        int offset;
        boolean exhausted;

        Source(String key, String marker, Long author, String before, String after, int batch) {
            this.key = key;
            this.marker = marker;
            this.author = author;
            this.before = before;
            this.after = after;
            this.batch = batch;
        }

        void ask(StringRedisConnection c, int skip) {
            double max = before == null ? Double.POSITIVE_INFINITY : Members.score(Members.id(before));
            double min = after == null ? 0 : Members.score(Members.id(after));
            c.zRevRangeByScore(key, min, max, skip, batch);
        }

        /** Takes a batch as Redis answered it; answers whether it held anything in range. */
        boolean took(Collection<String> members) {
            boolean any = false;
            String lowest = null;
            for (String member : members) {
                lowest = member;
                if ((before == null || member.compareTo(before) < 0)
                        && (after == null || member.compareTo(after) > 0)) {
                    buffered.add(member);
                    any = true;
                }
            }
            if (members.size() < batch) {
                exhausted = true;
            } else if (any) {
                before = lowest;
                offset = 0;
            } else {
                offset += batch; // a batch of ties with the bound: look further down the same score
            }
            return any;
        }

        void refill() {
            while (buffered.isEmpty() && !exhausted) {
                int skip = offset;
                List<Object> answer = redis.executePipelined((RedisCallback<Object>) connection -> {
                    ask(new DefaultStringRedisConnection(connection), skip);
                    return null;
                });
                took(members(answer.get(0)));
            }
        }

        String head() {
            if (buffered.isEmpty()) {
                refill();
            }
            return buffered.peekFirst();
        }

        String take() {
            return buffered.pollFirst();
        }
    }
}
