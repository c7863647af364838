package org.openbili.message.realtime;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Items for a room (danmaku) reach its viewers on every node through Redis pub/sub: one channel per room, to which
 * a node subscribes while it holds viewers of that room, so Redis sends each node only the rooms it serves. Each node
 * merges the items of a tick into one frame per room ({@link RoomBatches}). Frames that must not wait for a tick nor
 * be merged (a notification to {@code user:<uid>}) go whole with {@link #publishFrame}.
 */
@Component
public class RoomBus implements SmartLifecycle {

    private static final String CHANNEL = "message:room:";
    private static final int CONNECT_ATTEMPTS = 5;
    private static final Logger log = LoggerFactory.getLogger(RoomBus.class);

    private final RedisConnectionFactory connections;
    private final StringRedisTemplate redis;
    private final LocalRooms rooms;
    private final RoomBatches batches;
    private final Set<String> subscribed = ConcurrentHashMap.newKeySet();
    private volatile StatefulRedisPubSubConnection<String, String> subscriber;

    RoomBus(RedisConnectionFactory connections, StringRedisTemplate redis, LocalRooms rooms, RoomBatches batches) {
        this.connections = connections;
        this.redis = redis;
        this.rooms = rooms;
        this.batches = batches;
    }

    /**
     * Sends an item (a JSON object) to every viewer of {@code room}, on whichever node they are, in the room's next
     * {@code {"op":op,"room":room,"items":[…]}} frame. {@code op} is one word, such as {@code danmaku}.
     */
    public void publish(String room, String op, String item) {
        if (op.isEmpty() || op.indexOf(' ') >= 0 || op.charAt(0) == '{') {
            throw new IllegalArgumentException("An op is one word: " + op);
        }
        redis.convertAndSend(CHANNEL + room, op + ' ' + item);
    }

    /**
     * Sends a whole frame (a JSON object with its {@code op}) to every socket in {@code room}, on whichever node, as
     * it is and at once; it is never dropped for a slow socket.
     */
    public void publishFrame(String room, String frame) {
        if (frame.isEmpty() || frame.charAt(0) != '{') {
            throw new IllegalArgumentException("A frame is a JSON object");
        }
        redis.convertAndSend(CHANNEL + room, frame);
    }

    /**
     * Makes this node receive the room's frames. Returns once Redis confirmed the subscription, so a viewer who
     * was told it joined misses nothing published afterwards.
     */
    synchronized void listen(String room) {
        if (!subscribed.contains(room)) {
            subscriber.sync().subscribe(CHANNEL + room);
            subscribed.add(room);
        }
    }

    /** Stops receiving a room that has no viewers left on this node. */
    synchronized void release(String room) {
        if (subscriber != null && rooms.count(room) == 0 && subscribed.remove(room)) {
            subscriber.sync().unsubscribe(CHANNEL + room);
        }
    }

    @Override
    public synchronized void start() {
        if (!(connections instanceof LettuceConnectionFactory lettuce
                && lettuce.getRequiredNativeClient() instanceof RedisClient client)) {
            throw new IllegalStateException("Room fan-out needs Lettuce on a standalone or sentinel Redis");
        }
        StatefulRedisPubSubConnection<String, String> connection = connect(client);
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                batches.add(channel.substring(CHANNEL.length()), message);
            }
        });
        subscriber = connection;
    }

    /**
     * The subscriber connection, tried a few times: in standalone mode eight applications start in one JVM at
     * once, and a busy machine can keep Redis's answer past the client's timeout for a moment.
     */
    private static StatefulRedisPubSubConnection<String, String> connect(RedisClient client) {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.connectPubSub(StringCodec.UTF8);
            } catch (RedisException e) {
                if (attempt == CONNECT_ATTEMPTS) {
                    throw e;
                }
                log.warn(
                        "Redis pub/sub connection failed (attempt {} of {}): {}",
                        attempt,
                        CONNECT_ATTEMPTS,
                        e.toString());
                try {
                    Thread.sleep(1000L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (subscriber != null) {
            subscriber.close();
            subscriber = null;
            subscribed.clear();
        }
    }

    @Override
    public boolean isRunning() {
        return subscriber != null;
    }
}
