package org.openbili.common.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the platform's shared service configuration ({@code openbili/service-defaults*.yml}) below everything
 * else, so each service's own {@code application.yml}, the environment and the command line override it, and its
 * port from the {@link Roster} (the variable named there, else the default of the mode). With
 * {@code ZIPKIN_URL} set (a Zipkin server's base address), spans are also sent there; without it they are not
 * sent anywhere, while the trace ids still travel between services and into the log lines.
 */
public class ServiceDefaults implements EnvironmentPostProcessor, Ordered {

    static final int ORDER = Ordered.LOWEST_PRECEDENCE - 10;

    private static final YamlPropertySourceLoader YAML = new YamlPropertySourceLoader();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean standalone = Arrays.asList(environment.getActiveProfiles()).contains("standalone");
        if (standalone) {
            load("openbili/service-defaults-standalone.yml").forEach(environment.getPropertySources()::addLast);
        }
        // the port from the roster: its variable, else the default of the mode
        String name = environment.getProperty("spring.application.name");
        if (name != null && Roster.has(name)) {
            Roster.Part part = Roster.part(name);
            environment
                    .getPropertySources()
                    .addLast(new MapPropertySource(
                            "openbili port (" + Roster.LOCATION + ")",
                            Map.of(
                                    "server.port",
                                    "${" + part.variable() + ":" + (standalone ? part.standalonePort() : part.port())
                                            + "}")));
        }
        String zipkin = environment.getProperty("ZIPKIN_URL");
        if (zipkin != null && !zipkin.isBlank()) {
            environment
                    .getPropertySources()
                    .addLast(new MapPropertySource(
                            "openbili tracing (ZIPKIN_URL)",
                            Map.of(
                                    "management.tracing.export.zipkin.enabled",
                                    "true",
                                    "management.tracing.export.zipkin.endpoint",
                                    zipkin.replaceAll("/+$", "") + "/api/v2/spans")));
        }
        load("openbili/service-defaults.yml").forEach(environment.getPropertySources()::addLast);
    }

    private static List<PropertySource<?>> load(String location) {
        try {
            return YAML.load("openbili defaults (" + location + ")", new ClassPathResource(location));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** After the application's own configuration and its profiles are known; before {@link RegistryCredentials}. */
    @Override
    public int getOrder() {
        return ORDER;
    }
}
