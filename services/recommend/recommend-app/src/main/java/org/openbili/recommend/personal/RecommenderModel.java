package org.openbili.recommend.personal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.openbili.recommend.catalog.Catalog;
import org.openbili.recommend.catalog.PartitionTree;
import org.openbili.recommend.model.Interaction;
import org.openbili.recommend.model.ItemContent;
import org.openbili.recommend.model.Recommender;
import org.openbili.recommend.signal.UserSignals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The recommender in use, trained again in the background (every {@code openbili.recommend.model.refresh}, only
 * when a signal or the catalogue changed since) from every user's signals and the published catalogue, then swapped
 * in: a build never blocks a read. A user's own latest signals are read per request, so what they just did counts
 * at once; what it says about other users' taste waits for the next build.
 */
@Component
public class RecommenderModel {

    private static final Logger log = LoggerFactory.getLogger(RecommenderModel.class);

    private final UserSignals signals;
    private final Catalog catalog;
    private final PartitionTree partitions;
    private final Recommender.Options options;
    private final AtomicReference<Recommender> current = new AtomicReference<>(Recommender.empty());
    private volatile long builtFrom = -1;

    RecommenderModel(
            UserSignals signals,
            Catalog catalog,
            PartitionTree partitions,
            @Value("${openbili.recommend.model.lambda:300}") double lambda,
            @Value("${openbili.recommend.model.max-items:2000}") int maxItems) {
        this.signals = signals;
        this.catalog = catalog;
        this.partitions = partitions;
        this.options = new Recommender.Options(
                lambda, maxItems, Recommender.Options.DEFAULT.neighbours(), Recommender.Weights.DEFAULT);
    }

    public Recommender current() {
        return current.get();
    }

    @Scheduled(initialDelayString = "2s", fixedDelayString = "${openbili.recommend.model.refresh:30s}")
    void refresh() {
        long change = Math.max(signals.lastChange(), catalog.lastChange());
        if (change == builtFrom || !partitions.known()) {
            return;
        }
        long started = System.nanoTime();
        List<Interaction> interactions = new ArrayList<>();
        signals.each(interactions::add);
        List<ItemContent> items = new ArrayList<>();
        catalog.eachPublished(video -> items.add(new ItemContent(
                video.id(),
                video.ownerUid(),
                partitions.withParent(video.partition()),
                video.tags(),
                video.title(),
                video.publishedAt().toEpochMilli())));
        current.set(Recommender.train(interactions, items, options));
        builtFrom = change;
        log.debug(
                "Recommender trained on {} signals and {} videos in {} ms",
                interactions.size(),
                items.size(),
                (System.nanoTime() - started) / 1_000_000);
    }
}
