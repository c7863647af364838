package org.openbili.interaction.counter;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts that keep a video's Redis counters equal to MySQL's truth (video_stats + counter_journal).
 *
 * <p>Per video there are three keys (one hash slot): the counter hash {@code c} with the counts plus
 * {@code _v} (the video_stats version its base came from) and {@code _e} (an id drawn when it was rebuilt); the
 * set {@code a} of journal rows counted on top of that base; and the set {@code f} of rows the flusher folded
 * before their writer got to count them. Every journal row ends up counted exactly once, whatever order commits,
 * folds, rebuilds and a lost Redis happen in:
 *
 * <ul>
 *   <li>a writer reads {@code _e} before it commits and counts its rows afterwards if {@code _e} is unchanged and
 *       the row is in neither set. If the hash was rebuilt in between, that rebuild may or may not have seen the
 *       row, so the writer deletes the hash instead and the next read rebuilds it with the row;
 *   <li>the flusher, after folding rows into video_stats (version n-1 → n), removes them from {@code a}; rows
 *       not in {@code a} were not counted yet, so it counts them and remembers them in {@code f}. A hash that
 *       missed a fold is deleted;
 *   <li>a rebuild writes base + journal from one database snapshot, and only if no hash exists; if a fold
 *       committed after that snapshot before the hash existed, the rebuild is thrown away ({@link #DROP_STALE}).
 * </ul>
 */
final class CounterScripts {

    /** KEYS c, a, f; ARGV e ("" when there was no hash), then (journal id, field, delta) triples. */
    static final RedisScript<Long> APPLY = RedisScript.of("""
            local e = redis.call('HGET', KEYS[1], '_e')
            if e ~= ARGV[1] then
              if e then
                redis.call('DEL', KEYS[1], KEYS[2])
                return -1
              end
              return 0
            end
            for i = 2, #ARGV, 3 do
              if redis.call('SISMEMBER', KEYS[3], ARGV[i]) == 0 and redis.call('SADD', KEYS[2], ARGV[i]) == 1 then
                redis.call('HINCRBY', KEYS[1], ARGV[i + 1], ARGV[i + 2])
              end
            end
            return 1
            """, Long.class);

    /** KEYS c, a, f; ARGV the new video_stats version, then the folded (journal id, field, delta) triples. */
    static final RedisScript<Long> FOLD = RedisScript.of("""
            local v = redis.call('HGET', KEYS[1], '_v')
            if not v then return 0 end
            local target = tonumber(ARGV[1])
            v = tonumber(v)
            if v >= target then return 0 end
            if v ~= target - 1 then
              redis.call('DEL', KEYS[1], KEYS[2])
              return -1
            end
            for i = 2, #ARGV, 3 do
              if redis.call('SREM', KEYS[2], ARGV[i]) == 0 then
                redis.call('HINCRBY', KEYS[1], ARGV[i + 1], ARGV[i + 2])
                redis.call('SADD', KEYS[3], ARGV[i])
                redis.call('EXPIRE', KEYS[3], 3600)
              end
            end
            redis.call('HSET', KEYS[1], '_v', ARGV[1])
            return 1
            """, Long.class);

    /** KEYS c, a; ARGV e, version, n, then n (field, count) pairs, then the journal ids the counts include. */
    static final RedisScript<Long> REBUILD = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('DEL', KEYS[2])
            local n = tonumber(ARGV[3])
            local fields = {'_e', ARGV[1], '_v', ARGV[2]}
            for i = 4, 3 + 2 * n do fields[#fields + 1] = ARGV[i] end
            redis.call('HSET', KEYS[1], unpack(fields))
            for i = 4 + 2 * n, #ARGV do redis.call('SADD', KEYS[2], ARGV[i]) end
            return 1
            """, Long.class);

    /** KEYS c, a; ARGV the current video_stats version: forgets a hash built on an older base. */
    static final RedisScript<Long> DROP_STALE = RedisScript.of("""
            local v = redis.call('HGET', KEYS[1], '_v')
            if v and tonumber(v) < tonumber(ARGV[1]) then
              redis.call('DEL', KEYS[1], KEYS[2])
              return 1
            end
            return 0
            """, Long.class);

    private CounterScripts() {}
}
