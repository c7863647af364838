package org.openbili.standalone;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openbili.common.config.Roster;

/**
 * What the operator chose, from the same environment variables the services read. Unset engines are started
 * here; set ones ({@code REDIS_URL}, {@code KAFKA_BOOTSTRAP_SERVERS}, {@code DB_URL}) are used as they are.
 */
record Settings(
        Path home,
        Path dataDir,
        int gatewayPort,
        Map<String, Integer> servicePorts,
        String redisUrl,
        int redisPort,
        String kafkaBootstrapServers,
        int kafkaPort,
        int kafkaControllerPort,
        String dbUrl,
        boolean shareLibraries) {

    /**
     * The services run from jars, in the order they start (the {@link Roster}'s); the gateway opens the door last.
     * The Node helper ({@link HelperProcess}) has a port in {@link #servicePorts} and no jar.
     */
    static final List<String> SERVICES =
            Roster.names(Roster.Kind.REGISTRY, Roster.Kind.APPLICATION, Roster.Kind.GATEWAY);

    static Settings fromEnvironment() {
        Path home = Path.of(System.getProperty("openbili.home", "."))
                .toAbsolutePath()
                .normalize();
        Path dataDir = home.resolve(env("DATA_DIR", "data")).toAbsolutePath().normalize();
        Map<String, String> environment = System.getenv();
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (Roster.Part part :
                Roster.of(Roster.Kind.REGISTRY, Roster.Kind.APPLICATION, Roster.Kind.NODE, Roster.Kind.GATEWAY)) {
            ports.put(part.name(), part.port(environment, true));
        }
        return new Settings(
                home,
                dataDir,
                ports.get("gateway"),
                ports,
                blankToNull(System.getenv("REDIS_URL")),
                Roster.part("redis").port(environment, true),
                blankToNull(System.getenv("KAFKA_BOOTSTRAP_SERVERS")),
                Roster.part("kafka").port(environment, true),
                Roster.part("kafka-controller").port(environment, true),
                blankToNull(System.getenv("DB_URL")),
                !env("OPENBILI_SHARE_LIBRARIES", "true").equalsIgnoreCase("false"));
    }

    /** Every port this run will listen on, by what listens there. */
    Map<String, Integer> portsToListenOn() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("the gateway (PORT)", gatewayPort);
        servicePorts.forEach((service, port) -> {
            if (!service.equals("gateway")) {
                ports.put("the " + service + " service", port);
            }
        });
        if (redisUrl == null) {
            ports.put("the embedded Redis", redisPort);
        }
        if (kafkaBootstrapServers == null) {
            ports.put("the embedded Kafka broker", kafkaPort);
            ports.put("the embedded Kafka controller", kafkaControllerPort);
        }
        return ports;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
