package org.openbili.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.loader.launch.LaunchedClassLoader;
import org.springframework.boot.loader.net.protocol.jar.JarUrl;

/**
 * The libraries that the application services all have, loaded once for all of them.
 *
 * <p>The six application services are Spring Boot, Spring MVC, Hibernate, Kafka, Redis and Eureka applications:
 * about 175 of each one's 190 libraries are the same jar at the same version. Loaded by a class loader of each
 * service's own, those classes were read, verified, interpreted and compiled six times over on two cores, and kept
 * six times in memory. Here they get one parent class loader; each service keeps a class loader of its own, for its
 * classes and the libraries only some services have, whose parent is the shared one.
 *
 * <p>A class resolves the classes it names through the loader that defined it. So a shared library must not name a
 * class that only some services have: Spring Security's configuration, for one, names the authorization server's
 * classes, which only auth has, and would fail to find them in auth. Such libraries, and those that name theirs,
 * stay in each service ({@link #NOT_SHARED}); {@code SharedLibrariesIntegrationTests} reads every class of the
 * shared libraries in the built jars and fails when this list is short of one.
 */
final class SharedLibraries {

    /** Artifacts (names without versions) that each service loads itself, with why. */
    static final Map<String, String> NOT_SHARED = notShared();

    /**
     * Artifacts that only some services have but that a shared library looks up by name with its own class loader,
     * once: they are shared too, so that the lookup finds them. Other services see them but have no
     * auto-configuration for them.
     */
    static final Map<String, String> ALSO_SHARED = Map.of(
            "spring-security-oauth2-authorization-server",
            "spring-security-core's SecurityJacksonModules decides once whether the authorization server's Jackson"
                    + " module is there; without it auth cannot read the registered clients it stored",
            "kafka-streams",
            "spring-kafka and spring-boot-kafka (shared) name Kafka Streams' classes, which only recommend has",
            "rocksdbjni",
            "kafka-streams (shared, above) names RocksDB's classes for its state stores");

    private static final Pattern ARTIFACT = Pattern.compile("(.+?)-\\d[^/]*\\.jar");

    private final Map<String, Path> libraries;
    private final ClassLoader classLoader;

    private SharedLibraries(Map<String, Path> libraries) {
        this.libraries = libraries;
        List<URL> urls = new ArrayList<>();
        libraries.forEach((library, jar) -> urls.add(JarUrl.create(jar.toFile(), library)));
        this.classLoader =
                new LaunchedClassLoader(false, urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    /**
     * The libraries ({@code BOOT-INF/lib/…} entries) that every one of the jars lists, less {@link #NOT_SHARED}, and
     * {@link #ALSO_SHARED}.
     */
    static SharedLibraries of(List<Path> serviceJars) throws IOException {
        Set<String> common = null;
        Map<String, Path> alsoShared = new LinkedHashMap<>();
        for (Path jar : serviceJars) {
            List<String> index = classpathIndex(jar);
            for (String library : index) {
                if (ALSO_SHARED.containsKey(artifact(library))) {
                    alsoShared.putIfAbsent(library, jar);
                }
            }
            Set<String> listed = new LinkedHashSet<>(index);
            if (common == null) {
                common = listed;
            } else {
                common.retainAll(listed);
            }
        }
        Map<String, Path> libraries = new LinkedHashMap<>();
        if (common != null) {
            for (String library : common) {
                if (!NOT_SHARED.containsKey(artifact(library))) {
                    libraries.put(library, serviceJars.get(0));
                }
            }
        }
        alsoShared.forEach(libraries::putIfAbsent);
        return new SharedLibraries(libraries);
    }

    boolean contains(String library) {
        return libraries.containsKey(library);
    }

    Set<String> names() {
        return libraries.keySet();
    }

    /** The one loader of the shared libraries, the parent of each sharing service's own. */
    ClassLoader classLoader() {
        return classLoader;
    }

    /** {@code BOOT-INF/lib/spring-core-7.0.10.jar} → {@code spring-core}. */
    static String artifact(String library) {
        String file = library.substring(library.lastIndexOf('/') + 1);
        Matcher m = ARTIFACT.matcher(file);
        return m.matches() ? m.group(1) : file;
    }

    /** The libraries in the order the build listed them ({@code BOOT-INF/classpath.idx}). */
    static List<String> classpathIndex(Path jar) throws IOException {
        List<String> libraries = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile());
                InputStream index = file.getInputStream(file.getEntry("BOOT-INF/classpath.idx"))) {
            for (String line : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String entry = line.trim();
                if (entry.startsWith("- \"") && entry.endsWith("\"")) {
                    libraries.add(entry.substring(3, entry.length() - 1));
                }
            }
        }
        return libraries;
    }

    private static Map<String, String> notShared() {
        Map<String, String> reasons = new LinkedHashMap<>();
        String authorizationServer = "names the OAuth2 authorization server's classes (auth only)";
        reasons.put("spring-security-config", authorizationServer + " and spring-websocket's (message only)");
        reasons.put("springdoc-openapi-starter-common", authorizationServer);
        reasons.put("commons-fileupload", "names commons-io (video only)");
        String security = "names spring-security-config";
        reasons.put("spring-boot-security", security);
        reasons.put("spring-boot-security-oauth2-resource-server", security);
        reasons.put("openbili-security", security);
        reasons.put("spring-boot-servlet", security);
        reasons.put("feign-form-spring", "names commons-fileupload");
        reasons.put("springdoc-openapi-starter-webmvc-api", "names springdoc-openapi-starter-common");
        reasons.put("spring-boot-webmvc", "names spring-boot-servlet");
        reasons.put("spring-cloud-openfeign-core", "names feign-form-spring");
        reasons.put("openbili-common", "names spring-boot-webmvc");
        reasons.put("openbili-events", "names openbili-common");
        // A Feign client's @FeignClient (spring-cloud-openfeign-core, not shared) must resolve in the loader that
        // scans it; once every service used user-api, a shared copy left the scan without the annotation's attributes.
        String feignClients = "holds Feign clients, annotated with spring-cloud-openfeign-core's @FeignClient";
        for (String api :
                List.of("auth-api", "user-api", "video-api", "interaction-api", "recommend-api", "message-api")) {
            reasons.put(api, feignClients);
        }
        return Map.copyOf(reasons);
    }
}
