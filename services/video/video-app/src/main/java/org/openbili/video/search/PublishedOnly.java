package org.openbili.video.search;

import org.hibernate.search.mapper.pojo.bridge.RoutingBridge;
import org.hibernate.search.mapper.pojo.bridge.binding.RoutingBindingContext;
import org.hibernate.search.mapper.pojo.bridge.mapping.programmatic.RoutingBinder;
import org.hibernate.search.mapper.pojo.bridge.runtime.RoutingBridgeRouteContext;
import org.hibernate.search.mapper.pojo.route.DocumentRoutes;
import org.openbili.video.catalog.Video;
import org.openbili.video.catalog.VideoState;

/**
 * Keeps everything but published videos out of the index, so no query can ever find a video under review,
 * rejected or failed; a video that leaves {@code PUBLISHED} leaves the index with the same transaction.
 */
class PublishedOnly implements RoutingBinder {

    @Override
    public void bind(RoutingBindingContext context) {
        context.dependencies().use("state");
        context.bridge(Video.class, new Bridge());
    }

    private static final class Bridge implements RoutingBridge<Video> {

        @Override
        public void route(
                DocumentRoutes routes, Object entityIdentifier, Video video, RoutingBridgeRouteContext context) {
            if (video.state() == VideoState.PUBLISHED) {
                routes.addRoute();
            } else {
                routes.notIndexed();
            }
        }

        @Override
        public void previousRoutes(
                DocumentRoutes routes, Object entityIdentifier, Video video, RoutingBridgeRouteContext context) {
            // the video may have been published before, so a stale document may exist to delete
            routes.addRoute();
        }
    }
}
