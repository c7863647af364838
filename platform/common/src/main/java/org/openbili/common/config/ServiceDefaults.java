package org.openbili.common.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the platform's shared service configuration ({@code openbili/service-defaults*.yml}) below everything
 * else, so each service's own {@code application.yml}, the environment and the command line override it.
 */
public class ServiceDefaults implements EnvironmentPostProcessor, Ordered {

    static final int ORDER = Ordered.LOWEST_PRECEDENCE - 10;

    private static final YamlPropertySourceLoader YAML = new YamlPropertySourceLoader();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (Arrays.asList(environment.getActiveProfiles()).contains("standalone")) {
            load("openbili/service-defaults-standalone.yml").forEach(environment.getPropertySources()::addLast);
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
