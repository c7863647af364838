package org.openbili.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openbili.standalone.ApiOperations.Operation;
import tools.jackson.databind.json.JsonMapper;

/** How {@code docs/api.md} and OpenAPI documents are read into operations for {@link DocumentedApiIntegrationTests}. */
class ApiOperationsTests {

    @Test
    void readsEveryMethodOfAnOperationWithItsQueryLeftOutAndItsParameterNamesBlanked() {
        ApiOperations.Documented doc = ApiOperations.fromMarkdown("""
                # API
                ## Videos
                `GET /api/v1/videos?partition=&sort=new` (public) · `PUT|DELETE /api/v1/videos/{bvid}/like` → `{liked}`
                | `GET|HEAD /media/**` | files |
                """);

        assertThat(doc.inOpenApi())
                .containsOnlyKeys(
                        Operation.of("GET", "/api/v1/videos"),
                        Operation.of("PUT", "/api/v1/videos/{id}/like"),
                        Operation.of("DELETE", "/api/v1/videos/{x}/like"),
                        Operation.of("GET", "/media/**"),
                        Operation.of("HEAD", "/media/**"));
        assertThat(doc.outside()).isEmpty();
        assertThat(doc.malformed()).isEmpty();
    }

    @Test
    void keepsOperationsUnderAMarkedHeadingApartUntilAHeadingOfTheSameLevel() {
        ApiOperations.Documented doc = ApiOperations.fromMarkdown("""
                ## Auth
                `POST /api/v1/auth/login`
                ### OAuth2 (not in OpenAPI)
                `POST /oauth2/token`
                #### Discovery
                `GET /.well-known/openid-configuration`
                ### Clients
                `GET /api/v1/auth/admin/clients/{clientId}`
                ## Real time (not in OpenAPI)
                `GET /api/v1/ws`
                # Next
                `GET /api/v1/partitions`
                """);

        assertThat(doc.inOpenApi())
                .containsOnlyKeys(
                        Operation.of("POST", "/api/v1/auth/login"),
                        Operation.of("GET", "/api/v1/auth/admin/clients/{}"),
                        Operation.of("GET", "/api/v1/partitions"));
        assertThat(doc.outside())
                .containsOnlyKeys(
                        Operation.of("POST", "/oauth2/token"),
                        Operation.of("GET", "/.well-known/openid-configuration"),
                        Operation.of("GET", "/api/v1/ws"));
    }

    @Test
    void reportsCodeSpansWithAMethodAndAPathThatAreNoOperationAndSkipsProseAndFencedBlocks() {
        ApiOperations.Documented doc = ApiOperations.fromMarkdown("""
                `PATCH / DELETE /api/v1/videos/{bvid}` · `GET /api/v1/x {id}` · `{"op":"ping"}` · `GETTING /x`
                `PATCH {name?, public?}` and `DELETE` are prose
                ```bash
                curl -X `POST /api/v1/ignored`
                ```
                """);

        assertThat(doc.malformed()).containsExactly("PATCH / DELETE /api/v1/videos/{bvid}", "GET /api/v1/x {id}");
        assertThat(doc.inOpenApi()).isEmpty();
    }

    @Test
    void readsAnOpenApiDocumentLeavingOutInternalCallsAndTheErrorPage() {
        var document = JsonMapper.builder().build().readTree("""
                {"paths": {
                  "/api/v1/videos/{bvid}": {"get": {}, "patch": {}, "parameters": []},
                  "/internal/v1/videos/stats": {"get": {}},
                  "/error": {"get": {}, "post": {}}
                }}
                """);

        assertThat(ApiOperations.fromOpenApi(document))
                .containsOnlyKeys(Operation.of("GET", "/api/v1/videos/{}"), Operation.of("PATCH", "/api/v1/videos/{}"))
                .containsValue("PATCH /api/v1/videos/{bvid}");
    }
}
