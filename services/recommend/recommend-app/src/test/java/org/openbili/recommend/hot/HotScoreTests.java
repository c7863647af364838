package org.openbili.recommend.hot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HotScoreTests {

    private static final long HOUR = 3_600_000L;
    private static final long NOW = 1_000 * HOUR;

    @Test
    void aNewVideoWithStrongEngagementBeatsAnOldOneWithManyStaleViews() {
        double fresh = HotScore.score(
                HotScore.Window.WEEK,
                HotScore.engagement(HotScore.Window.WEEK, List.of(new HotScore.Bucket(NOW - HOUR, 50, 200)), NOW),
                NOW - 2 * HOUR,
                NOW);
        double stale = HotScore.score(
                HotScore.Window.WEEK,
                HotScore.engagement(
                        HotScore.Window.WEEK, List.of(new HotScore.Bucket(NOW - 150 * HOUR, 5_000, 0)), NOW),
                NOW - 160 * HOUR,
                NOW);
        assertThat(fresh).isGreaterThan(stale);
    }

    @Test
    void costlyActionsFromAFewAccountsCountOnlyAsFarAsTheAudienceIsBroad() {
        double burst = HotScore.engagement(HotScore.Window.DAY, List.of(new HotScore.Bucket(NOW, 5, 5 * 22)), NOW);
        double crowd = HotScore.engagement(HotScore.Window.DAY, List.of(new HotScore.Bucket(NOW, 100, 30)), NOW);
        assertThat(burst).isEqualTo(5 + HotScore.KAPPA * (5 + HotScore.GRACE));
        assertThat(crowd).isEqualTo(130);
        assertThat(crowd).isGreaterThan(burst);
    }

    @Test
    void engagementOutsideTheWindowCountsNothingAndOlderEngagementLess() {
        assertThat(HotScore.engagement(HotScore.Window.DAY, List.of(new HotScore.Bucket(NOW - 25 * HOUR, 10, 0)), NOW))
                .isZero();
        double recent = HotScore.engagement(HotScore.Window.DAY, List.of(new HotScore.Bucket(NOW, 10, 0)), NOW);
        double earlier =
                HotScore.engagement(HotScore.Window.DAY, List.of(new HotScore.Bucket(NOW - 6 * HOUR, 10, 0)), NOW);
        assertThat(earlier).isEqualTo(recent / 2);
    }
}
