package org.openbili.recommend.hot;

import java.time.Duration;
import java.util.List;

/**
 * The hot score of a video over a window (the last day, three days or week), from its hourly engagement buckets.
 *
 * <pre>
 *   V = Σ over the window's buckets b of  d(b) · views(b)           (distinct viewers)
 *   I = Σ over the window's buckets b of  d(b) · interactions(b)    (weighted actions, below)
 *   E = V + min(I, κ · (V + c))                                      κ = 3, c = 10
 *   hot = log10(1 + E) − age / τ                                     d(b) = 2^(−(now − b) / h)
 * </pre>
 *
 * Why each term:
 *
 * <ul>
 *   <li><b>Weights</b> ({@link Action}): a coin (5 per coin, at most 2) and a favourite (6) cost the viewer most
 *       (coins are scarce; a favourite is a promise to come back), a comment (4), a danmaku (3) or a share (3) cost
 *       effort, a like (2) a click, a view (1) nothing. Bilibili's published ranking rules likewise weigh coins and
 *       favourites above comments, danmaku and likes, and views least.
 *   <li><b>Once per account</b>: an account's like, coin, favourite, comment, danmaku, share or view of a video
 *       counts once in the week (coins up to two); 1 000 views from one account are one view. Guests count by an
 *       opaque key of their device and address ({@code VideoViewed.viewerKey}).
 *   <li><b>Breadth correction</b> {@code min(I, κ(V + c))}: costly actions count in full only while the audience is
 *       broad. Organic videos draw about 0.3 interaction points per viewer; a handful of accounts that coin, favourite
 *       and comment without matching views (a brushing burst) are capped at κ = 3 points per viewer (plus c = 10 for
 *       a brand-new video). This is the idea of the correction factors (修正 A/B) of Bilibili's weekly ranking formula,
 *       which discount coins and comments that outrun plays and favourites.
 *   <li><b>Decay of engagement</b> {@code d(b)}: what happened a half-life h ago counts half (h is a quarter of the
 *       window: 6 h for the day), so the list follows what people do now, not what they did at the window's start.
 *   <li><b>log10 and age / τ</b>: from Reddit's and PeerTube's "hot" (log10 of votes plus the publication time over
 *       45 000 s, ~12.5 h): ten times the engagement is worth one τ of age. τ is half the window (12 h for the
 *       day list), so a video a day old needs a hundred times the engagement of a new one to rank beside it: a new
 *       video with strong engagement beats an old one with many stale views.
 * </ul>
 */
public final class HotScore {

    /** κ: interaction points credited per viewer at most. */
    static final double KAPPA = 3;
    /** c: the audience a brand-new video is granted before the correction applies. */
    static final double GRACE = 10;

    private HotScore() {}

    /** A window: its length, the half-life of engagement in it, and τ, the age that costs a factor of ten. */
    public enum Window {
        DAY("day", Duration.ofHours(24)),
        THREE_DAYS("3day", Duration.ofHours(72)),
        WEEK("week", Duration.ofDays(7));

        final String name;
        final long lengthMs;
        final long halfLifeMs;
        final long tauMs;

        Window(String name, Duration length) {
            this.name = name;
            this.lengthMs = length.toMillis();
            this.halfLifeMs = length.toMillis() / 4;
            this.tauMs = length.toMillis() / 2;
        }

        public String slug() {
            return name;
        }

        public static Window of(String name) {
            for (Window window : values()) {
                if (window.name.equals(name)) {
                    return window;
                }
            }
            return null;
        }
    }

    /** What one account's action is worth, before the breadth correction. */
    enum Action {
        VIEW(1),
        LIKE(2),
        SHARE(3),
        DANMAKU(3),
        COMMENT(4),
        /** per coin; an account gives a video at most two */
        COIN(5),
        FAVORITE(6);

        final double weight;

        Action(double weight) {
            this.weight = weight;
        }

        /** The most one account's action can be worth: two coins, one of anything else. */
        double cap() {
            return this == COIN ? 2 * weight : weight;
        }
    }

    /** One hour of a video's engagement: distinct viewers, and weighted interactions. */
    record Bucket(long startMs, double views, double interactions) {}

    /** The engagement E of the window ending at {@code now} (0 when nothing happened in it). */
    static double engagement(Window window, List<Bucket> buckets, long now) {
        double v = 0;
        double i = 0;
        for (Bucket b : buckets) {
            long age = now - b.startMs();
            if (age >= window.lengthMs || b.startMs() > now) {
                continue;
            }
            double decay = Math.pow(0.5, Math.max(0, age) / (double) window.halfLifeMs);
            v += decay * b.views();
            i += decay * b.interactions();
        }
        return v + Math.min(i, KAPPA * (v + GRACE));
    }

    /** The hot score; compare only scores of one window. */
    static double score(Window window, double engagement, long publishedAtMs, long now) {
        double ageMs = Math.max(0, now - publishedAtMs);
        return Math.log10(1 + engagement) - ageMs / window.tauMs;
    }
}
