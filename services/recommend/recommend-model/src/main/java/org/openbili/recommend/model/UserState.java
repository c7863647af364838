package org.openbili.recommend.model;

import java.util.Map;
import java.util.Set;

/**
 * What the recommender knows of one user when asked: their interactions (item → summed weight), the uploaders they
 * follow, and the items they must not be shown again (watched, their own).
 */
public record UserState(Map<Long, Float> history, Set<Long> follows, Set<Long> excluded) {

    public UserState {
        history = Map.copyOf(history);
        follows = Set.copyOf(follows);
        excluded = Set.copyOf(excluded);
    }

    public static UserState of(Map<Long, Float> history) {
        return new UserState(history, Set.of(), history.keySet());
    }

    public boolean isNew() {
        return history.isEmpty() && follows.isEmpty();
    }
}
