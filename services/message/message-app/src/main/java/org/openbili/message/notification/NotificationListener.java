package org.openbili.message.notification;

import java.util.ArrayList;
import java.util.List;
import org.openbili.events.EventEnvelope;
import org.openbili.interaction.api.CoinsGiven;
import org.openbili.interaction.api.CommentLiked;
import org.openbili.interaction.api.CommentPosted;
import org.openbili.interaction.api.DanmakuPosted;
import org.openbili.interaction.api.InteractionEvents;
import org.openbili.interaction.api.VideoFavorited;
import org.openbili.interaction.api.VideoLiked;
import org.openbili.user.api.UserEvents;
import org.openbili.user.api.UserFollowed;
import org.openbili.video.api.TranscodeFailed;
import org.openbili.video.api.VideoEvents;
import org.openbili.video.api.VideoPublished;
import org.openbili.video.api.VideoRejected;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * What becomes a notification, and of which type: replies and comments on one's videos (回复我的), @-mentions in
 * comments and danmaku (@我的), likes of one's videos and comments and favourites of one's videos, aggregated per
 * target (收到的赞), follows (新粉丝), and the video service's verdicts and coins thrown at one's videos (系统通知).
 * One consumer group per topic, each event handled once ({@link NotificationMaker}); events not listed change nothing.
 */
@Component
class NotificationListener {

    private final NotificationMaker maker;

    NotificationListener(NotificationMaker maker) {
        this.maker = maker;
    }

    /** The busiest topic: two consumers per node by default, each on its own partitions. */
    @KafkaListener(
            topics = InteractionEvents.TOPIC,
            groupId = "${spring.application.name}.notifications",
            concurrency = "${openbili.notifications.consumers:2}")
    void onInteraction(EventEnvelope event) {
        List<Notice> notices = switch (event.type()) {
            case "CommentPosted" -> commented(event.payloadAs(CommentPosted.class));
            case "CommentLiked" -> List.of(commentLiked(event.payloadAs(CommentLiked.class)));
            case "VideoLiked" -> List.of(videoLiked(event.payloadAs(VideoLiked.class)));
            case "VideoFavorited" -> List.of(favorited(event.payloadAs(VideoFavorited.class)));
            case "CoinsGiven" -> List.of(coins(event, event.payloadAs(CoinsGiven.class)));
            case "DanmakuPosted" -> danmakuMentions(event.payloadAs(DanmakuPosted.class));
            default -> List.of();
        };
        maker.make("notifications.interaction", event, notices);
    }

    @KafkaListener(topics = UserEvents.TOPIC, groupId = "${spring.application.name}.notifications")
    void onUser(EventEnvelope event) {
        if (event.is(UserFollowed.class)) {
            UserFollowed followed = event.payloadAs(UserFollowed.class);
            long follower = Long.parseLong(followed.followerUid());
            maker.make(
                    "notifications.users",
                    event,
                    List.of(Notice.of(
                            Long.parseLong(followed.followeeUid()),
                            NotificationType.FOLLOW,
                            "follow",
                            "follow:" + follower,
                            follower)));
        }
    }

    @KafkaListener(topics = VideoEvents.TOPIC, groupId = "${spring.application.name}.notifications")
    void onVideo(EventEnvelope event) {
        List<Notice> notices = switch (event.type()) {
            case "VideoPublished" -> List.of(approved(event.payloadAs(VideoPublished.class)));
            case "VideoRejected" -> List.of(rejected(event, event.payloadAs(VideoRejected.class)));
            case "TranscodeFailed" -> List.of(failed(event, event.payloadAs(TranscodeFailed.class)));
            default -> List.of();
        };
        maker.make("notifications.videos", event, notices);
    }

    /** A reply tells whom it answers; a root comment tells the uploader; each mention tells the one mentioned. */
    private static List<Notice> commented(CommentPosted c) {
        List<Notice> notices = new ArrayList<>();
        long author = Long.parseLong(c.uid());
        String root = c.parentId() != null ? c.parentId() : c.commentId();
        long told;
        if (c.replyToUid() != null) {
            told = Long.parseLong(c.replyToUid());
            notices.add(Notice.of(told, NotificationType.REPLY, "reply", "reply:" + c.commentId(), author)
                    .video(c.videoId(), c.bvid())
                    .comment(c.commentId(), root)
                    .content(c.content()));
        } else {
            told = Long.parseLong(c.ownerUid());
            notices.add(Notice.of(told, NotificationType.REPLY, "comment", "comment:" + c.commentId(), author)
                    .video(c.videoId(), c.bvid())
                    .comment(c.commentId(), root)
                    .content(c.content()));
        }
        for (String mentioned : c.mentionedUids() == null ? List.<String>of() : c.mentionedUids()) {
            long uid = Long.parseLong(mentioned);
            if (uid != told) {
                notices.add(
                        Notice.of(uid, NotificationType.AT, "mention-comment", "at:comment:" + c.commentId(), author)
                                .video(c.videoId(), c.bvid())
                                .comment(c.commentId(), root)
                                .content(c.content()));
            }
        }
        return notices;
    }

    private static List<Notice> danmakuMentions(DanmakuPosted d) {
        if (d.mentionedUids() == null || d.mentionedUids().isEmpty()) {
            return List.of();
        }
        long author = Long.parseLong(d.uid());
        return d.mentionedUids().stream()
                .map(uid -> Notice.of(
                                Long.parseLong(uid),
                                NotificationType.AT,
                                "mention-danmaku",
                                "at:danmaku:" + d.danmakuId(),
                                author)
                        .video(d.videoId(), d.bvid())
                        .content(d.content()))
                .toList();
    }

    private static Notice commentLiked(CommentLiked l) {
        return Notice.of(
                        Long.parseLong(l.authorUid()),
                        NotificationType.LIKE,
                        "like-comment",
                        "like:comment:" + l.commentId(),
                        Long.parseLong(l.uid()))
                .aggregated()
                .video(l.videoId(), l.bvid())
                .comment(l.commentId(), l.rootId())
                .content(l.content());
    }

    private static Notice videoLiked(VideoLiked v) {
        return Notice.of(
                        Long.parseLong(v.ownerUid()),
                        NotificationType.LIKE,
                        "like-video",
                        "like:video:" + v.videoId(),
                        Long.parseLong(v.uid()))
                .aggregated()
                .video(v.videoId(), v.bvid());
    }

    private static Notice favorited(VideoFavorited f) {
        return Notice.of(
                        Long.parseLong(f.ownerUid()),
                        NotificationType.LIKE,
                        "favorite-video",
                        "favorite:video:" + f.videoId(),
                        Long.parseLong(f.uid()))
                .aggregated()
                .video(f.videoId(), f.bvid());
    }

    private static Notice coins(EventEnvelope event, CoinsGiven g) {
        return Notice.of(
                        Long.parseLong(g.ownerUid()),
                        NotificationType.SYSTEM,
                        "coins",
                        "coins:" + event.id(),
                        Long.parseLong(g.uid()))
                .video(g.videoId(), g.bvid())
                .amount(g.count());
    }

    private static Notice approved(VideoPublished v) {
        return Notice.of(
                        Long.parseLong(v.ownerUid()),
                        NotificationType.SYSTEM,
                        "video-approved",
                        "approved:" + v.videoId(),
                        null)
                .video(v.videoId(), v.bvid());
    }

    private static Notice rejected(EventEnvelope event, VideoRejected v) {
        return Notice.of(
                        Long.parseLong(v.ownerUid()),
                        NotificationType.SYSTEM,
                        "video-rejected",
                        "rejected:" + event.id(),
                        null)
                .video(v.videoId(), v.bvid())
                .content(v.reason());
    }

    private static Notice failed(EventEnvelope event, TranscodeFailed v) {
        return Notice.of(
                        Long.parseLong(v.ownerUid()),
                        NotificationType.SYSTEM,
                        "transcode-failed",
                        "transcode-failed:" + event.id(),
                        null)
                .video(v.videoId(), v.bvid())
                .content(v.reason());
    }
}
