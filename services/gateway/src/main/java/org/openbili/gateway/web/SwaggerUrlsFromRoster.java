package org.openbili.gateway.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openbili.common.config.Roster;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The Swagger UI's list of documents, one per application service of the {@link Roster} ({@code /openapi/<name>},
 * which the gateway serves from each service), unless {@code springdoc.swagger-ui.urls} is configured. Last in
 * precedence, so configuration wins.
 */
class SwaggerUrlsFromRoster implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("springdoc.swagger-ui.urls[0].url")) {
            return;
        }
        List<String> services = Roster.names(Roster.Kind.APPLICATION);
        Map<String, Object> urls = new LinkedHashMap<>();
        for (int i = 0; i < services.size(); i++) {
            urls.put("springdoc.swagger-ui.urls[" + i + "].name", services.get(i));
            urls.put("springdoc.swagger-ui.urls[" + i + "].url", "/openapi/" + services.get(i));
        }
        environment.getPropertySources().addLast(new MapPropertySource("openbili swagger-ui urls (roster)", urls));
    }
}
