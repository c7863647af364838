package org.openbili.standalone;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

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
     * The services run from jars, in the order they start; the gateway opens the door last. The Node helper
     * ({@link HelperProcess}) has a port in {@link #servicePorts} and no jar.
     */
    static final String[] SERVICES = {
        "registry", "auth", "user", "video", "interaction", "recommend", "message", "gateway"
    };

    static Settings fromEnvironment() {
        Path home = Path.of(System.getProperty("openbili.home", "."))
                .toAbsolutePath()
                .normalize();
        Path dataDir = home.resolve(env("DATA_DIR", "data")).toAbsolutePath().normalize();
        int gatewayPort = Integer.parseInt(env("PORT", "8080"));
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("registry", Integer.parseInt(env("REGISTRY_PORT", "18761")));
        ports.put("auth", Integer.parseInt(env("AUTH_PORT", "18081")));
        ports.put("user", Integer.parseInt(env("USER_PORT", "18082")));
        ports.put("video", Integer.parseInt(env("VIDEO_PORT", "18083")));
        ports.put("interaction", Integer.parseInt(env("INTERACTION_PORT", "18084")));
        ports.put("recommend", Integer.parseInt(env("RECOMMEND_PORT", "18085")));
        ports.put("message", Integer.parseInt(env("MESSAGE_PORT", "18086")));
        ports.put("helper", Integer.parseInt(env("HELPER_PORT", "18087")));
        ports.put("gateway", gatewayPort);
        return new Settings(
                home,
                dataDir,
                gatewayPort,
                ports,
                blankToNull(System.getenv("REDIS_URL")),
                Integer.parseInt(env("EMBEDDED_REDIS_PORT", "16379")),
                blankToNull(System.getenv("KAFKA_BOOTSTRAP_SERVERS")),
                Integer.parseInt(env("EMBEDDED_KAFKA_PORT", "19092")),
                Integer.parseInt(env("EMBEDDED_KAFKA_CONTROLLER_PORT", "19093")),
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
