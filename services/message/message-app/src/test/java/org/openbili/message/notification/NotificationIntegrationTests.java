package org.openbili.message.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@Infrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotificationIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void unreadCountsAreMineAndNeedASignIn() throws Exception {
        long me = ThreadLocalRandom.current().nextLong(1, 1L << 50);
        insert(me, "reply");
        insert(me, "reply");
        insert(me, "follow");
        insert(me + 1, "like");

        HttpResponse<String> mine = get(TestTokens.forUser(me));
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(mine.body())
                .contains("\"reply\":2")
                .contains("\"follow\":1")
                .contains("\"like\":0")
                .contains("\"total\":3");
        assertThat(get(null).statusCode()).isEqualTo(401);
    }

    private void insert(long uid, String type) {
        jdbc.sql("INSERT INTO notification (id, uid, type, content, created_at) VALUES (?,?,?,?,?)")
                .params(
                        ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE),
                        uid,
                        type,
                        "hi",
                        Timestamp.from(Instant.now()))
                .update();
    }

    private HttpResponse<String> get(String token) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/notifications/unread"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
