package org.openbili.recommend.catalog;

import org.openbili.events.EventEnvelope;
import org.openbili.events.EventInbox;
import org.openbili.user.api.ProfileUpdated;
import org.openbili.user.api.UserEvents;
import org.openbili.user.api.UserRegistered;
import org.openbili.video.api.VideoDeleted;
import org.openbili.video.api.VideoEvents;
import org.openbili.video.api.VideoPublished;
import org.openbili.video.api.VideoUpdated;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the catalogue and its cards current from the video and user services' events: a published video gets a
 * card and a place in the fresh lists; a deleted or unpublished one leaves every list at once; a renamed uploader's
 * cards are drawn again. Each event takes effect once ({@link EventInbox}).
 */
@Component
class CatalogListener {

    private final Catalog catalog;
    private final Cards cards;
    private final EventInbox inbox;

    CatalogListener(Catalog catalog, Cards cards, EventInbox inbox) {
        this.catalog = catalog;
        this.cards = cards;
        this.inbox = inbox;
    }

    @KafkaListener(topics = VideoEvents.TOPIC, groupId = "${spring.application.name}.catalog")
    void onVideo(EventEnvelope event) {
        if (event.is(VideoPublished.class)) {
            VideoPublished v = event.payloadAs(VideoPublished.class);
            inbox.once(
                    "catalog",
                    event,
                    () -> published(new CatalogVideo(
                            Long.parseLong(v.videoId()),
                            Long.parseLong(v.ownerUid()),
                            v.title(),
                            v.partition(),
                            v.tags(),
                            v.coverUrl(),
                            v.durationMs(),
                            v.publishedAt())));
        } else if (event.is(VideoUpdated.class)) {
            inbox.once("catalog", event, () -> updated(event.payloadAs(VideoUpdated.class)));
        } else if (event.is(VideoDeleted.class)) {
            long id = Long.parseLong(event.payloadAs(VideoDeleted.class).videoId());
            inbox.once("catalog", event, () -> catalog.unpublish(id).ifPresent(cards::hide));
        }
    }

    @KafkaListener(topics = UserEvents.TOPIC, groupId = "${spring.application.name}.uploaders")
    void onUser(EventEnvelope event) {
        if (event.is(UserRegistered.class)) {
            UserRegistered user = event.payloadAs(UserRegistered.class);
            inbox.once("uploaders", event, () -> uploader(Long.parseLong(user.uid()), user.nickname(), null));
        } else if (event.is(ProfileUpdated.class)) {
            ProfileUpdated profile = event.payloadAs(ProfileUpdated.class);
            inbox.once(
                    "uploaders",
                    event,
                    () -> uploader(Long.parseLong(profile.uid()), profile.nickname(), profile.avatarUrl()));
        }
    }

    private void published(CatalogVideo video) {
        catalog.save(video, true);
        cards.show(video, catalog.uploader(video.ownerUid()));
    }

    private void updated(VideoUpdated v) {
        long id = Long.parseLong(v.videoId());
        boolean published = "PUBLISHED".equals(v.state());
        catalog.find(id)
                .ifPresentOrElse(
                        known -> {
                            CatalogVideo now = new CatalogVideo(
                                    id,
                                    known.ownerUid(),
                                    v.title(),
                                    v.partition(),
                                    v.tags(),
                                    v.coverUrl() != null ? v.coverUrl() : known.coverUrl(),
                                    known.durationMs(),
                                    known.publishedAt());
                            // the old partition and tags leave the lists first; a published video comes back under the
                            // new
                            cards.hide(known);
                            catalog.save(now, published);
                            if (published) {
                                cards.show(now, catalog.uploader(now.ownerUid()));
                            }
                        },
                        () -> {
                            // an update of a video never published: nothing is listed, nothing to show
                        });
    }

    private void uploader(long uid, String nickname, String avatarUrl) {
        catalog.saveUploader(uid, nickname, avatarUrl);
        VideoCard.Uploader card = catalog.uploader(uid);
        for (CatalogVideo video : catalog.publishedBy(uid)) {
            cards.show(video, card);
        }
    }
}
