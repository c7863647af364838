package org.openbili.recommend.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RecommenderTests {

    /** Items 1–10 are one taste, 11–20 another; users 1–30 like the first, 31–60 the second. */
    private static List<Interaction> twoTastes() {
        List<Interaction> rows = new ArrayList<>();
        for (long user = 1; user <= 60; user++) {
            long base = user <= 30 ? 0 : 10;
            for (long k = 0; k < 5; k++) {
                rows.add(new Interaction(user, base + 1 + (user + k * 3) % 10, 1, 0));
            }
        }
        return rows;
    }

    @Test
    void collaborativeFilteringRecommendsTheTasteOfWhatAUserDid() {
        Recommender recommender = Recommender.train(twoTastes(), List.of(), Recommender.Options.DEFAULT);

        List<Scored> forFirstTaste =
                recommender.recommend(UserState.of(Map.of(2L, 1f, 3L, 1f)), 5, Map.of(), item -> true, 0);

        assertThat(forFirstTaste).hasSize(5).allMatch(s -> s.item() >= 1 && s.item() <= 10);
        assertThat(forFirstTaste).extracting(Scored::item).doesNotContain(2L, 3L);
        assertThat(recommender.related(15, 3, item -> true)).allMatch(item -> item > 10 && item <= 20);
    }

    @Test
    void contentSimilarityAndFollowsCarryAUserWithoutCoInteractions() {
        List<ItemContent> items = List.of(
                new ItemContent(1, 100, List.of("anime-mad", "anime"), List.of("原神"), "原神 剪辑 第一集", 1_000),
                new ItemContent(2, 101, List.of("anime-mad", "anime"), List.of("原神"), "原神 剪辑 第二集", 2_000),
                new ItemContent(3, 102, List.of("food-cooking", "food"), List.of("美食"), "红烧肉的做法", 3_000),
                new ItemContent(4, 103, List.of("tech-digital", "tech"), List.of("手机"), "新手机评测", 4_000));
        Recommender recommender = Recommender.train(List.of(), items, Recommender.Options.DEFAULT);

        assertThat(recommender.recommend(UserState.of(Map.of(1L, 1f)), 1, Map.of(), i -> true, 5_000))
                .extracting(Scored::item)
                .containsExactly(2L);
        UserState follower = new UserState(Map.of(), Set.of(103L), Set.of());
        assertThat(recommender.recommend(follower, 1, Map.of(), i -> true, 5_000))
                .extracting(Scored::item)
                .containsExactly(4L);
        assertThat(recommender.related(1, 1, i -> true)).containsExactly(2L);
    }

    @Test
    void noUploaderAppearsMoreThanTwiceInARow() {
        List<ItemContent> items = new ArrayList<>();
        for (long i = 1; i <= 9; i++) {
            items.add(new ItemContent(i, i <= 6 ? 7 : 8, List.of("anime"), List.of(), "", i));
        }
        Recommender recommender = Recommender.train(List.of(), items, Recommender.Options.DEFAULT);

        List<Long> order = recommender.diversify(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), 2);

        assertThat(order).startsWith(1L, 2L, 7L, 3L, 4L, 8L, 5L, 6L, 9L);
        String uploaders = order.stream()
                .map(item -> Long.toString(recommender.uploaderOf(item)))
                .collect(Collectors.joining());
        assertThat(uploaders).doesNotContain("777").doesNotContain("888");
    }

    @Test
    void chineseTitlesAreComparedByCharacterBigrams() {
        assertThat(TitleWords.of("原神 剪辑 Genshin-Impact")).containsExactly("原神", "剪辑", "genshin", "impact");
    }
}
