package org.openbili.auth.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openbili.testsupport.Api;

/**
 * A person's browser for the authorization-code flow: keeps cookies, shows each redirect instead of following
 * it, and comes from an address of its own (the {@code X-Forwarded-For} the gateway adds), so sign-in
 * throttling of one test never reaches another.
 */
final class Browser {

    private final String address = Api.randomAddress();

    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).header("Accept", "text/html").GET());
    }

    /** Posts a form; a value that is a list becomes one field per element. */
    HttpResponse<String> post(URI uri, Map<String, ?> form) {
        String body = form.entrySet().stream()
                .flatMap(field -> (field.getValue() instanceof List<?> values ? values : List.of(field.getValue()))
                        .stream().map(value -> encode(field.getKey()) + "=" + encode(String.valueOf(value))))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri)
                .header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Follows one redirect the way a browser would. */
    static URI location(HttpResponse<String> redirect) {
        if (redirect.statusCode() != 302 && redirect.statusCode() != 303) {
            throw new AssertionError("expected a redirect, got " + redirect.statusCode() + ": " + redirect.body());
        }
        return redirect.uri().resolve(redirect.headers().firstValue("Location").orElseThrow());
    }

    /** The value of a hidden form field on a page. */
    static String field(HttpResponse<String> page, String name) {
        Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"")
                .matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("no field " + name + " on " + page.body());
        }
        return org.springframework.web.util.HtmlUtils.htmlUnescape(m.group(1));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.header("X-Forwarded-For", address).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
