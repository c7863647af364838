package org.openbili.gateway.edge;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * HTTPS at the edge from two variables an operator already has from their certificate authority: {@code TLS_CERT}
 * (the PEM chain) and {@code TLS_KEY} (its PEM private key, {@code TLS_KEY_PASSWORD} if encrypted). When both are
 * set the gateway's port speaks TLS with HTTP/2 through an SSL bundle named {@value #BUNDLE}; Spring Security then
 * adds {@code Strict-Transport-Security} to every answer, as it does on secure requests. The properties come last,
 * so a {@code server.ssl.*} or {@code spring.ssl.bundle.*} set explicitly still wins.
 */
class EdgeTlsEnvironment implements EnvironmentPostProcessor {

    static final String BUNDLE = "edge";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String certificate = environment.getProperty("TLS_CERT");
        String key = environment.getProperty("TLS_KEY");
        if (!StringUtils.hasText(certificate) || !StringUtils.hasText(key)) {
            return;
        }
        String prefix = "spring.ssl.bundle.pem." + BUNDLE + ".keystore.";
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(prefix + "certificate", location(certificate));
        properties.put(prefix + "private-key", location(key));
        String password = environment.getProperty("TLS_KEY_PASSWORD");
        if (StringUtils.hasText(password)) {
            properties.put(prefix + "private-key-password", password);
        }
        properties.put("server.ssl.bundle", BUNDLE);
        properties.put("server.http2.enabled", "true");
        // the management port is internal (Prometheus, probes): it stays plain HTTP, as deploy/ scrapes it
        properties.put("management.server.ssl.enabled", "false");
        environment.getPropertySources().addLast(new MapPropertySource("edgeTls", properties));
    }

    /** A bare path is a file (Spring would look for it on the class path); PEM text and URLs pass as they are. */
    private static String location(String value) {
        String trimmed = value.trim();
        if (trimmed.startsWith("-----BEGIN") || trimmed.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*")) {
            return trimmed;
        }
        return "file:" + trimmed;
    }
}
