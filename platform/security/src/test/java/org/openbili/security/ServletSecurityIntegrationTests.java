package org.openbili.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openbili.security.servlet.AuthorizationRules;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.TestTokens;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@Infrastructure(database = false, redis = false, kafka = false)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = ServletSecurityIntegrationTests.App.class)
class ServletSecurityIntegrationTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void readsArePublic() throws Exception {
        assertThat(call("GET", "/api/v1/things", null).statusCode()).isEqualTo(200);
    }

    @Test
    void writesNeedASignedInUser() throws Exception {
        HttpResponse<String> anonymous = call("POST", "/api/v1/things", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();

        HttpResponse<String> signedIn = call("POST", "/api/v1/things", TestTokens.forUser(42));
        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(signedIn.body()).contains("\"uid\":42");
    }

    @Test
    void badTokensAreRejectedEvenOnPublicReads() throws Exception {
        for (String token : new String[] {
            TestTokens.expired(42),
            TestTokens.tampered(42),
            TestTokens.signedByStranger(42),
            TestTokens.unsigned(42),
            "garbage"
        }) {
            HttpResponse<String> response = call("GET", "/api/v1/things", token);
            assertThat(response.statusCode()).as(token).isEqualTo(401);
            assertThat(response.body()).contains("INVALID_TOKEN");
        }
    }

    @Test
    void theWrongRoleIsForbidden() throws Exception {
        assertThat(call("DELETE", "/api/v1/admin/things", TestTokens.forUser(42))
                        .statusCode())
                .isEqualTo(403);
        assertThat(call("DELETE", "/api/v1/admin/things", TestTokens.forUser(1, "USER", "ADMIN"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(call("GET", "/api/v1/admin/things", TestTokens.forUser(42)).statusCode())
                .isEqualTo(403);
    }

    @Test
    void methodSecurityAnswersInProblemsToo() throws Exception {
        assertThat(call("POST", "/api/v1/things/special", TestTokens.forUser(42))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void serviceRulesCanRequireAUserForReads() throws Exception {
        assertThat(call("GET", "/api/v1/me", null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/v1/me", TestTokens.forUser(7)).body()).contains("\"uid\":7");
        assertThat(call("GET", "/api/v1/me?access_token=" + TestTokens.forUser(8), null)
                        .body())
                .contains("\"uid\":8");
    }

    @Test
    void internalEndpointsAcceptOnlyServiceTokens() throws Exception {
        assertThat(call("GET", "/internal/v1/things", null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/internal/v1/things", TestTokens.forUser(1, "USER", "ADMIN"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(call("GET", "/internal/v1/things", TestTokens.forService()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void serviceTokensComeFromTheAuthServiceAndAreReused(
            @org.springframework.beans.factory.annotation.Autowired org.openbili.security.internal.ServiceTokens tokens)
            throws Exception {
        String token = tokens.token();
        assertThat(token).isEqualTo(tokens.token());
        assertThat(call("GET", "/internal/v1/things", token).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> call(String method, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SpringBootApplication
    @Import(Things.class)
    static class App {

        @Bean
        AuthorizationRules rules() {
            return rules -> rules.requestMatchers("/api/v1/me")
                    .authenticated()
                    .requestMatchers("/api/v1/admin/**")
                    .hasRole("ADMIN");
        }
    }

    @RestController
    static class Things {

        @GetMapping("/api/v1/things")
        Map<String, Object> list(Optional<AuthUser> viewer) {
            return Map.of("signedIn", viewer.isPresent());
        }

        @PostMapping("/api/v1/things")
        AuthUser create(AuthUser user) {
            return user;
        }

        @PostMapping("/api/v1/things/special")
        @PreAuthorize("hasRole('ADMIN')")
        Map<String, Object> special() {
            return Map.of();
        }

        @GetMapping("/api/v1/me")
        AuthUser me(AuthUser user) {
            return user;
        }

        @GetMapping("/internal/v1/things")
        Map<String, Object> internal() {
            return Map.of();
        }

        @GetMapping("/api/v1/admin/things")
        Map<String, Object> adminList() {
            return Map.of();
        }

        @DeleteMapping("/api/v1/admin/things")
        Map<String, Object> adminDelete() {
            return Map.of();
        }
    }
}
