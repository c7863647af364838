package org.openbili.user.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.openbili.testsupport.Infrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@Infrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProfileIntegrationTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    ProfileRepository profiles;

    @Test
    void aProfileIsPublicWithItsIdAsAString() throws Exception {
        long uid = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 62);
        profiles.save(new Profile(uid, "u" + (uid % 100000), "小明" + (uid % 1000), Instant.now()));
        HttpResponse<String> response = get("/api/v1/users/" + uid);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"uid\":\"" + uid + "\"")
                .contains("小明")
                .contains("\"followers\":0");
    }

    @Test
    void anUnknownUserIsA404AndANonNumericIdA400() throws Exception {
        assertThat(get("/api/v1/users/123").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/users/123").body()).contains("USER_NOT_FOUND");
        assertThat(get("/api/v1/users/abc").statusCode()).isEqualTo(400);
        assertThat(get("/actuator/health").body()).contains("\"status\":\"UP\"");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
