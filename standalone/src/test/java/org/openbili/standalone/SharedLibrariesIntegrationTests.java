package org.openbili.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openbili.common.config.Roster;

/**
 * The libraries the application services share in standalone mode, checked against the built jars: every class of a
 * shared library must find the classes it names in the shared libraries too (or in the JDK), else it fails with
 * NoClassDefFoundError in the services that have the named class only in their own loader.
 */
class SharedLibrariesIntegrationTests {

    private static final List<String> SERVICES = Roster.names(Roster.Kind.APPLICATION);

    /** Shared classes that name a service's class but are never loaded in standalone mode, with why. */
    private static final Map<String, String> UNUSED = Map.of(
            "org/h2/fulltext/", "H2's Lucene full-text search (the services search with Hibernate Search)",
            "org/mariadb/jdbc/plugin/credential/aws/", "MariaDB's AWS IAM credentials (the URL names no such plugin)",
            "org/flywaydb/core/internal/util/FeatureDetector", "looks for the AWS SDK with the loader it is given");

    private static final Pattern TYPE_IN_DESCRIPTOR = Pattern.compile("L([\\w/$]+)[;<]");

    private static List<Path> jars;
    private static SharedLibraries shared;

    @BeforeAll
    static void readBuiltJars() throws IOException {
        Path services = Path.of(System.getProperty("openbili.home", "..")).resolve("standalone/target/services");
        jars = SERVICES.stream()
                .map(name -> services.resolve(name + "-app.jar"))
                .toList();
        shared = SharedLibraries.of(jars);
    }

    @Test
    void theHeavyLibrariesAreLoadedOnce() {
        Set<String> artifacts = new TreeSet<>();
        shared.names().forEach(library -> artifacts.add(SharedLibraries.artifact(library)));
        assertThat(artifacts)
                .as("a version that differs between services unshares a library (pin it in the root pom)")
                .contains(
                        "spring-core",
                        "spring-boot-autoconfigure",
                        "hibernate-core",
                        "tomcat-embed-core",
                        "kafka-clients",
                        "lettuce-core",
                        "eureka-client",
                        "jackson-databind",
                        "logback-classic",
                        "nimbus-jose-jwt",
                        "spring-security-oauth2-authorization-server");
        assertThat(shared.names()).hasSizeGreaterThan(150);
    }

    @Test
    void noSharedClassNamesAClassThatOnlySomeServicesHave() throws IOException {
        Map<String, String> onlySome = new HashMap<>(); // class → the library that has it
        Set<String> inShared = new HashSet<>();
        Map<String, Path> sharedFrom = new HashMap<>();
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                for (String library : SharedLibraries.classpathIndex(jar)) {
                    boolean isShared = shared.contains(library);
                    if (isShared && sharedFrom.putIfAbsent(library, jar) != null) {
                        continue;
                    }
                    forEachClass(file, library, (name, bytes) -> {
                        if (isShared) {
                            inShared.add(name);
                        } else {
                            onlySome.putIfAbsent(name, SharedLibraries.artifact(library) + " in " + jar.getFileName());
                        }
                    });
                }
            }
        }
        onlySome.keySet().removeAll(inShared);

        Set<String> problems = new TreeSet<>();
        for (Map.Entry<String, Path> library : sharedFrom.entrySet()) {
            try (JarFile file = new JarFile(library.getValue().toFile())) {
                forEachClass(file, library.getKey(), (name, bytes) -> {
                    if (UNUSED.keySet().stream().anyMatch(name::startsWith)) {
                        return;
                    }
                    for (String named : namedClasses(bytes)) {
                        String owner = onlySome.get(named);
                        if (owner != null) {
                            problems.add(SharedLibraries.artifact(library.getKey()) + " (" + name + ") names " + named
                                    + ", which only " + owner + " has");
                        }
                    }
                });
            }
        }
        assertThat(problems)
                .as("shared libraries naming classes only some services have: add them to SharedLibraries.NOT_SHARED")
                .isEmpty();
    }

    private interface ClassVisitor {
        void visit(String name, byte[] bytes) throws IOException;
    }

    private static void forEachClass(JarFile jar, String library, ClassVisitor visitor) throws IOException {
        try (InputStream nested = jar.getInputStream(jar.getEntry(library));
                JarInputStream classes = new JarInputStream(nested)) {
            for (JarEntry entry = classes.getNextJarEntry(); entry != null; entry = classes.getNextJarEntry()) {
                String name = entry.getName();
                if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
                    name = name.replaceFirst("^META-INF/versions/\\d+/", "");
                    visitor.visit(name.substring(0, name.length() - ".class".length()), classes.readAllBytes());
                }
            }
        }
    }

    /**
     * The classes a class file names in its constant pool: as classes, as types in descriptors, and as strings that
     * look up a class by name (a library that asks whether an optional class is present, with its own class loader,
     * would answer "no" in the services that have it only in their own loader).
     */
    static Set<String> namedClasses(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        in.readInt(); // magic
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        List<Integer> classNames = new ArrayList<>();
        List<Integer> strings = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classNames.add(in.readUnsignedShort());
                case 8 -> strings.add(in.readUnsignedShort());
                case 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++; // takes two entries
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        Set<String> named = new HashSet<>();
        for (int index : classNames) {
            String name = utf8[index];
            named.add(name.startsWith("[") ? name.replaceAll("^\\[+L?|;$", "") : name);
        }
        for (int index : strings) { // Class.forName("a.b.C") and ClassUtils.isPresent("a.b.C", …)
            String value = utf8[index];
            if (value.matches("[\\w$]+(\\.[\\w$]+)+")) {
                named.add(value.replace('.', '/'));
            }
        }
        for (String value : utf8) {
            if (value != null && value.indexOf(';') > 0) {
                Matcher type = TYPE_IN_DESCRIPTOR.matcher(value);
                while (type.find()) {
                    named.add(type.group(1));
                }
            }
        }
        return named;
    }
}
