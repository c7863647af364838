package org.openbili.video.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openbili.common.id.Snowflake;
import org.openbili.events.EventEnvelope;
import org.openbili.interaction.api.InteractionEvents;
import org.openbili.interaction.api.VideoViewed;
import org.openbili.testsupport.TestDatabase;
import org.openbili.testsupport.TestKafka;
import org.openbili.video.catalog.Video;
import org.openbili.video.catalog.VideoRepository;
import org.openbili.video.catalog.VideoState;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a user of the search box sees, run once per backend by the subclasses: Lucene (standalone mode) and
 * Elasticsearch (distributed mode). Each backend's context has a database and a Kafka broker of its own, so the
 * videos it indexes and the views it counts are its alone.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // a saved video is searchable as soon as its transaction commits, so tests need not poll for it
        properties = "spring.jpa.properties.hibernate.search.indexing.plan.synchronization.strategy=read-sync")
abstract class SearchIntegrationTests {

    private static final Map<Class<?>, Fixture> FIXTURES = new ConcurrentHashMap<>();
    private static final Map<String, Engines> ENGINES = new ConcurrentHashMap<>();

    @LocalServerPort
    int port;

    @Autowired
    VideoRepository repository;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Snowflake ids;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JdbcClient jdbc;

    SearchApi api;
    TestVideos videos;
    Fixture fixture;

    /** A database and a Kafka broker for this backend's context alone. */
    static void ownEngines(DynamicPropertyRegistry registry, String name) {
        // made once: Spring may read a dynamic property more than once, and a second fresh database would be empty
        Engines engines = ENGINES.computeIfAbsent(name, Engines::start);
        registry.add("DB_URL", engines::databaseUrl);
        registry.add("KAFKA_BOOTSTRAP_SERVERS", engines::kafka);
    }

    private record Engines(String databaseUrl, String kafka) {

        static Engines start(String name) {
            EmbeddedKafkaKraftBroker broker = TestKafka.start();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
            return new Engines(TestDatabase.fresh(name), broker.getBrokersAsString());
        }
    }

    /** The videos every test searches among, put in once per backend. */
    record Fixture(
            Video animeTalk,
            Video animeNews,
            Video animeMusic,
            Video animals,
            Video minecraft,
            Video guitarLesson,
            Video guitarVlog,
            Video inReview,
            Video rejected) {}

    @BeforeEach
    void setUp() {
        api = new SearchApi(port);
        videos = new TestVideos(repository, transactions, ids);
        fixture = FIXTURES.computeIfAbsent(
                getClass(),
                type -> new Fixture(
                        videos.published("日本动漫解说", "第一期", "anime-bangumi", List.of("动漫", "解说"), 2, 100),
                        videos.published("动漫新番推荐 2024", "这一季看什么", "anime-talk", List.of("新番"), 4, 10),
                        videos.published("动漫音乐合集", "燃向混剪", "music-cover", List.of("音乐"), 1, 300),
                        videos.published("动物世界 漫步", "草原上的一天", "life-pets", List.of("动物"), 3, 5000),
                        videos.published(
                                "Minecraft 生存 <b>教程</b>", "从零开始", "game-pc", List.of("我的世界", "Minecraft"), 5, 50),
                        videos.published("零基础吉他入门", "第一课", "music-perform", List.of(), 6, 0),
                        videos.published("周末vlog", "顺便弹了一段吉他", "life-daily", List.of(), 7, 9999),
                        videos.inState("动漫 审核中", "等待审核", "anime-bangumi", List.of("动漫"), VideoState.REVIEW, 8),
                        videos.inState("动漫 被拒", "未通过", "anime-bangumi", List.of("动漫"), VideoState.REJECTED, 9)));
    }

    @Test
    void aChineseWordOfATitleFindsThePublishedVideosWithIt() {
        SearchApi.Answer answer = api.videos("q", "动漫");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.bvids())
                .containsExactlyInAnyOrder(
                        fixture.animeTalk().bvid(),
                        fixture.animeNews().bvid(),
                        fixture.animeMusic().bvid())
                .as("动 and 漫 apart, as in 动物世界 漫步, are not the word 动漫")
                .doesNotContain(fixture.animals().bvid());
        var item = answer.item(fixture.animeTalk().bvid());
        assertThat(item.get("title").asString()).isEqualTo("日本动漫解说");
        assertThat(item.get("titleHighlight").asString()).isEqualTo("日本<em>动漫</em>解说");
        assertThat(item.get("coverUrl").asString())
                .isEqualTo("/media/covers/" + fixture.animeTalk().id() + ".jpg");
        assertThat(item.get("durationMs").asLong()).isEqualTo(95_000);
        assertThat(item.get("partition").asString()).isEqualTo("anime-bangumi");
        assertThat(item.get("uploaderUid").isString()).isTrue();
        assertThat(item.get("uploaderUid").asString()).isEqualTo("42");
        assertThat(item.get("views").asLong()).isEqualTo(100);
        assertThat(Instant.parse(item.get("publishedAt").asString())).isEqualTo(TestVideos.EPOCH.plusSeconds(2 * 3600));
    }

    @Test
    void longerPhrasesSeveralWordsAndEnglishFindTheirVideos() {
        SearchApi.Answer phrase = api.videos("q", "动漫解说");
        assertThat(phrase.bvids()).containsExactly(fixture.animeTalk().bvid());
        assertThat(phrase.item(fixture.animeTalk().bvid()).get("titleHighlight").asString())
                .isEqualTo("日本<em>动漫解说</em>");

        // words apart, separated by an ideographic space as Chinese keyboards type it
        assertThat(api.videos("q", "日本\u3000解说").bvids())
                .containsExactly(fixture.animeTalk().bvid());
        assertThat(api.videos("q", "日本 动物").bvids()).isEmpty();

        SearchApi.Answer english = api.videos("q", "MINECRAFT");
        assertThat(english.bvids()).containsExactly(fixture.minecraft().bvid());
        assertThat(english.item(fixture.minecraft().bvid())
                        .get("titleHighlight")
                        .asString())
                .startsWith("<em>Minecraft</em> ");
    }

    @Test
    void theHighlightIsEscapedHtmlAndTheTitleStaysPlain() {
        var item = api.videos("q", "教程").item(fixture.minecraft().bvid());

        assertThat(item.get("title").asString()).isEqualTo("Minecraft 生存 <b>教程</b>");
        assertThat(item.get("titleHighlight").asString())
                .startsWith("Minecraft 生存 &lt;b&gt;<em>教程</em>&lt;")
                .doesNotContain("<b>");
    }

    @Test
    void unpublishedVideosAreNeverFound() {
        assertThat(api.videos("q", "审核中").bvids()).isEmpty();
        assertThat(api.videos("q", "被拒").bvids()).isEmpty();
        assertThat(api.videos("q", "动漫").bvids())
                .doesNotContain(fixture.inReview().bvid(), fixture.rejected().bvid());

        Video takenDown = videos.published("独角兽 快闪", "限时", "life-funny", List.of(), 10, 0);
        assertThat(api.videos("q", "独角兽").bvids()).containsExactly(takenDown.bvid());
        videos.moveTo(takenDown, VideoState.REJECTED);
        assertThat(api.videos("q", "独角兽").bvids()).isEmpty();
    }

    @Test
    void aTopLevelPartitionIncludesItsChildrenAndAChildOnlyItself() {
        assertThat(api.videos("q", "动漫", "partition", "anime").bvids())
                .containsExactlyInAnyOrder(
                        fixture.animeTalk().bvid(), fixture.animeNews().bvid());
        assertThat(api.videos("q", "动漫", "partition", "anime-talk").bvids())
                .containsExactly(fixture.animeNews().bvid());
        assertThat(api.videos("q", "动漫", "partition", "music").bvids())
                .containsExactly(fixture.animeMusic().bvid());
        assertThat(api.videos("q", "动漫", "partition", "food").bvids()).isEmpty();
    }

    @Test
    void resultsSortByRelevanceNewestOrMostViewed() {
        assertThat(api.videos("q", "动漫", "sort", "new").bvids())
                .containsExactly(
                        fixture.animeNews().bvid(),
                        fixture.animeTalk().bvid(),
                        fixture.animeMusic().bvid());
        assertThat(api.videos("q", "动漫", "sort", "views").bvids())
                .containsExactly(
                        fixture.animeMusic().bvid(),
                        fixture.animeTalk().bvid(),
                        fixture.animeNews().bvid());

        // a title match outranks a mention in the description, though the vlog is newer and far more watched
        assertThat(api.videos("q", "吉他").bvids())
                .containsExactly(
                        fixture.guitarLesson().bvid(), fixture.guitarVlog().bvid());
        assertThat(api.videos("q", "吉他", "sort", "relevance").bvids())
                .containsExactly(
                        fixture.guitarLesson().bvid(), fixture.guitarVlog().bvid());
        assertThat(api.videos("q", "吉他", "sort", "views").bvids())
                .containsExactly(
                        fixture.guitarVlog().bvid(), fixture.guitarLesson().bvid());
        // the vlog matched by its description: its title comes back as it is, escaped, without marks
        assertThat(api.videos("q", "吉他")
                        .item(fixture.guitarVlog().bvid())
                        .get("titleHighlight")
                        .asString())
                .isEqualTo("周末vlog");
    }

    @Test
    void pagesFollowTheCursorToTheEnd() {
        SearchApi.Answer first = api.videos("q", "动漫", "sort", "new", "size", "2");
        assertThat(first.bvids())
                .containsExactly(fixture.animeNews().bvid(), fixture.animeTalk().bvid());
        String cursor = first.body().get("nextCursor").asString();

        SearchApi.Answer second = api.videos("q", "动漫", "sort", "new", "size", "2", "cursor", cursor);
        assertThat(second.bvids()).containsExactly(fixture.animeMusic().bvid());
        assertThat(second.body().get("nextCursor").isNull()).isTrue();
    }

    @Test
    void suggestionsCompleteTagsAndTitlesMostWatchedFirst() {
        SearchApi.Answer chinese = api.suggest("q", "动漫");
        assertThat(chinese.status()).isEqualTo(200);
        assertThat(chinese.body().get("items").valueStream().map(node -> node.asString()))
                .containsExactly("动漫音乐合集", "动漫", "动漫新番推荐 2024");

        assertThat(api.suggest("q", "mine").body().get("items").valueStream().map(node -> node.asString()))
                .containsExactly("Minecraft", "Minecraft 生存 <b>教程</b>");
        assertThat(api.suggest("q", "审核").body().get("items")).isEmpty();
    }

    @Test
    void viewsReportedByTheInteractionServiceCountOnceEachAndReorderResults() {
        Video city = videos.published("赛博朋克 城市", "霓虹", "life-travel", List.of(), 11, 1);
        Video night = videos.published("赛博朋克 夜景", "霓虹", "life-travel", List.of(), 12, 2);
        assertThat(api.videos("q", "赛博朋克", "sort", "views").bvids()).containsExactly(night.bvid(), city.bvid());

        EventEnvelope first = viewed(city);
        send(first);
        send(first); // Kafka delivers at least once: the same event again must not count again
        EventEnvelope second = viewed(city);
        send(second);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(
                                api.videos("q", "赛博朋克", "sort", "views").bvids())
                        .containsExactly(city.bvid(), night.bvid()));
        // the events of one video arrive in order: once the second is handled, so was the repeated first
        await().atMost(Duration.ofSeconds(30)).until(() -> handled(second));
        assertThat(api.videos("q", "赛博朋克").item(city.bvid()).get("views").asLong())
                .isEqualTo(3);
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        assertProblem(api.videos(), "q");
        assertProblem(api.videos("q", "  \u3000 "), "q");
        assertProblem(api.videos("q", "动".repeat(SearchQuery.MAX_LENGTH + 1)), "q");
        assertProblem(api.videos("q", "动漫", "sort", "hot"), "sort");
        assertProblem(api.videos("q", "动漫", "size", "51"), "size");
        assertProblem(api.videos("q", "动漫", "size", "many"), "size");
        assertProblem(api.videos("q", "动漫", "partition", "no-such-partition"), "partition");
        assertProblem(api.videos("q", "动漫", "cursor", "not-a-cursor"), "cursor");
        assertProblem(api.suggest(), "q");
        assertProblem(api.suggest("q", "动".repeat(SearchController.SUGGEST_MAX_LENGTH + 1)), "q");
    }

    private static void assertProblem(SearchApi.Answer answer, String field) {
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.badFields()).containsExactly(field);
    }

    private EventEnvelope viewed(Video video) {
        VideoViewed event =
                new VideoViewed(Long.toString(video.id()), video.bvid(), "7", Long.toString(video.ownerUid()));
        return new EventEnvelope(
                Long.toString(ids.nextId()),
                VideoViewed.class.getSimpleName(),
                Instant.now(),
                Long.toString(video.id()),
                JsonMapper.builder().build().valueToTree(event));
    }

    private void send(EventEnvelope envelope) {
        kafka.send(InteractionEvents.TOPIC, envelope.key(), envelope.toJson()).join();
    }

    private boolean handled(EventEnvelope envelope) {
        return jdbc.sql("SELECT COUNT(*) FROM event_inbox WHERE event_id = :id")
                        .param("id", envelope.id())
                        .query(Long.class)
                        .single()
                > 0;
    }
}
