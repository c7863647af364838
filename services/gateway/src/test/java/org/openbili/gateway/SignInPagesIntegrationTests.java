package org.openbili.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openbili.testsupport.Infrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The authorization server's sign-in form, posted through the gateway the way a browser posts it: the page
 * must let the browser name its own origin, since a form post whose origin is hidden ({@code Origin: null})
 * is refused like any other origin the gateway does not know.
 */
@Infrastructure(database = false, kafka = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignInPagesIntegrationTests {

    static final StubService AUTH = new StubService();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.auth[0].uri", AUTH::uri);
    }

    @AfterAll
    static void stop() {
        AUTH.stop();
    }

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void pagesLetTheBrowserSendTheirOriginToThisSiteOnly() throws Exception {
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(uri("/oauth2/login"))
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.headers().allValues("Referrer-Policy")).containsExactly("same-origin");
    }

    @Test
    void pagesMayNotBeFramedNorRunScriptsAndTheirFormsMayRedirectToTheApplication() throws Exception {
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(uri("/oauth2/login"))
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.headers().allValues("Content-Security-Policy"))
                .singleElement()
                .satisfies(policy -> {
                    assertThat(policy).contains("default-src 'self'", "script-src 'self'", "object-src 'none'");
                    assertThat(policy).contains("frame-ancestors 'none'", "base-uri 'self'");
                    // the consent form's answer redirects to the application, which browsers would check against it
                    assertThat(policy).doesNotContain("form-action");
                });
    }

    @Test
    void theSignInFormPostedFromThisSiteReachesTheAuthService() throws Exception {
        HttpResponse<String> signIn = postSignIn("http://localhost:" + port);
        assertThat(signIn.statusCode()).isEqualTo(200);
        assertThat(AUTH.seen)
                .anySatisfy(
                        seen -> assertThat(seen.method() + " " + seen.path()).isEqualTo("POST /oauth2/login"));
    }

    @Test
    void aFormPostWithAHiddenOrForeignOriginIsStillRefused() throws Exception {
        int before = AUTH.calls("/oauth2/login");
        assertThat(postSignIn("null").statusCode()).isEqualTo(403);
        assertThat(postSignIn("http://evil.example").statusCode()).isEqualTo(403);
        assertThat(AUTH.calls("/oauth2/login")).isEqualTo(before);
    }

    private HttpResponse<String> postSignIn(String origin) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri("/oauth2/login"))
                        .header("Origin", origin)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("username=someone&password=secret&_csrf=token"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
