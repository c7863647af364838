package org.openbili.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openbili.common.config.Roster;

/**
 * The README's configuration table names exactly the environment variables the platform reads.
 *
 * <p>The rule: a name in UPPER_SNAKE_CASE ({@code [A-Z][A-Z0-9_]*}) is an environment variable; lower-case and
 * dotted names ({@code ${spring.application.name}}, {@code openbili.data-dir}) are Spring properties and not
 * counted. Spring's relaxed binding, which lets any variable set any property, is not counted either. A variable
 * is read where the sources of {@code services/}, {@code platform/} and {@code standalone/} (the files under a
 * {@code src/main/}), the Node helper's ({@code helper/src/}) or {@code start.sh} contain:
 * <ul>
 *   <li>in {@code .yml}, {@code .yaml}, {@code .properties} and {@code .xml} files, outside comments: a placeholder
 *       {@code ${NAME} or ${NAME:default}}, nested ones included;
 *   <li>in Java, inside a string literal: such a placeholder (as in {@code @Value}); or a literal {@code "NAME"} as
 *       the first argument of {@code getenv}, {@code getProperty} or {@code getRequiredProperty} (System's and
 *       Spring's Environment's), or of the launcher's {@code env} and {@code publish};
 *   <li>in {@code start.sh}, outside comment lines: {@code $NAME} or {@code ${NAME…}};
 *   <li>in the helper's JavaScript: {@code env.NAME} (its {@code process.env} or the environment handed to its
 *       settings).
 * </ul>
 * The table is every table row in the README's {@code ## Configuration} section (up to the next {@code ##}
 * heading): the names in backticks in its first cell.
 */
class DocumentedEnvironmentTests {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern JAVA_STRING = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");
    private static final Pattern JAVA_READ =
            Pattern.compile("\\b(?:getenv|getProperty|getRequiredProperty|env|publish)\\(\\s*\"([A-Z][A-Z0-9_]*)\"");
    private static final Pattern SHELL_VARIABLE = Pattern.compile("\\$\\{?([A-Z][A-Z0-9_]*)");
    private static final Pattern JS_READ = Pattern.compile("\\benv\\.([A-Z][A-Z0-9_]*)\\b");
    private static final Pattern CONFIG_COMMENT = Pattern.compile("(?m)(^|\\s)#.*$");
    private static final Pattern XML_COMMENT = Pattern.compile("(?s)<!--.*?-->");
    private static final Pattern DOCUMENTED_NAME = Pattern.compile("`([A-Z][A-Z0-9_]*)`");
    private static final Set<String> CONFIG_FILES = Set.of("yml", "yaml", "properties", "xml");

    @Test
    void everyVariableThePlatformReadsIsInTheReadmesConfigurationTable() throws IOException {
        Set<String> documented = documented(readme());
        List<String> undocumented = new ArrayList<>();
        read(PlatformProcess.HOME).forEach((name, files) -> {
            if (!documented.contains(name)) {
                undocumented.add(name + " (read in " + String.join(", ", files) + ")");
            }
        });
        assertThat(undocumented)
                .withFailMessage(
                        "README.md's Configuration table does not document these environment variables:%n  %s",
                        String.join("\n  ", undocumented))
                .isEmpty();
    }

    @Test
    void everyVariableTheTableDocumentsIsReadSomewhere() throws IOException {
        Set<String> read = read(PlatformProcess.HOME).keySet();
        List<String> unread = documented(readme()).stream()
                .filter(name -> !read.contains(name))
                .toList();
        assertThat(unread)
                .withFailMessage(
                        "README.md's Configuration table documents variables nothing reads any more:%n  %s",
                        String.join("\n  ", unread))
                .isEmpty();
    }

    @Test
    void readsPlaceholdersAndLookupsButNotSpringPropertiesOrComments() {
        assertThat(variablesIn("application.yml", """
                        # Every address is ${ENV:default}
                        server.port: ${VIDEO_PORT:8083}   # ${NOT_THIS}
                        dir: ${UPLOAD_DIR:${openbili.data-dir}/uploads}
                        name: ${spring.application.name}
                        color: "#ffffff"
                        """)).containsExactlyInAnyOrder("VIDEO_PORT", "UPLOAD_DIR");
        assertThat(variablesIn("Config.java", """
                        @Value("${openbili.storage.root:${openbili.data-dir:${DATA_DIR:./data}}/media}") Path root,
                        env.getProperty("S3_REGION", "us-east-1"); System.getenv("PATH");
                        environment.getProperty("openbili.security.issuer", environment.getProperty("AUTH_ISSUER"));
                        int port = Integer.parseInt(env("EMBEDDED_REDIS_PORT", "16379"));
                        throw ApiException.badRequest("VIDEO_NOT_FOUND", "no ${such} video");
                        """))
                .containsExactlyInAnyOrder("DATA_DIR", "S3_REGION", "PATH", "AUTH_ISSUER", "EMBEDDED_REDIS_PORT");
        assertThat(variablesIn("config.js", """
                        const dataDir = resolve(blankToUndefined(env.DATA_DIR) ?? './data')
                        if (process.env.SITE_URL) log(settings.env.notThis, 'HELPER_PORT')
                        """)).containsExactlyInAnyOrder("DATA_DIR", "SITE_URL");
        assertThat(variablesIn("start.sh", """
                        # on http://localhost:${PORT:-8080}
                        if [ -n "${JAVA_HOME:-}" ]; then java_cmd="$JAVA_HOME/bin/java"; fi
                        exec "$java_cmd" ${JAVA_OPTS:-} -Dopenbili.home="$root"
                        """)).containsExactlyInAnyOrder("JAVA_HOME", "JAVA_OPTS");
        assertThat(variablesIn("roster.tsv", """
                        # name    kind         port  standalone  variable
                        video     application  8083  18083       VIDEO_PORT
                        gateway   gateway      8080  8080        PORT
                        """)).containsExactlyInAnyOrder("VIDEO_PORT", "PORT");
    }

    @Test
    void theReadmesTableOfPartsGivesEachTheRostersStandalonePort() throws IOException {
        String readme = readme();
        List<String> wrong = new ArrayList<>();
        for (Roster.Part part : Roster.parts()) {
            String port = part.kind() == Roster.Kind.GATEWAY
                    ? "`" + part.variable() + "` (" + part.standalonePort() + ")"
                    : Integer.toString(part.standalonePort());
            String name = part.name().split("-")[0];
            boolean listed = readme.lines()
                    .anyMatch(row ->
                            row.toLowerCase(java.util.Locale.ROOT).startsWith("| " + name) && row.contains(port));
            if (!listed) {
                wrong.add(part.name() + " on " + port);
            }
        }
        assertThat(wrong)
                .as("parts of the roster that README.md's \"What runs where\" does not list on their port")
                .isEmpty();
    }

    @Test
    void readsTheNamesInTheFirstCellOfTheConfigurationTablesRows() {
        assertThat(documented("""
                        ## Quick start
                        | `NOT_CONFIGURATION` | … |
                        ## Configuration
                        | variable | meaning | default |
                        |---|---|---|
                        | `DB_URL`, `DB_USERNAME` | MariaDB; see `DATA_DIR` | H2 |
                        ### Video
                        | `REVIEW_MODE` | `manual` or `auto` | `manual` |
                        ## Tests
                        | `AFTER` | … |
                        """)).containsExactlyInAnyOrder("DB_URL", "DB_USERNAME", "REVIEW_MODE");
    }

    /** Every variable read, with the files that read it (relative to the repository). */
    private static SortedMap<String, Set<String>> read(Path home) throws IOException {
        SortedMap<String, Set<String>> variables = new TreeMap<>();
        List<Path> sources = new ArrayList<>();
        for (String root : List.of("services", "platform", "standalone")) {
            try (Stream<Path> files = Files.walk(home.resolve(root))) {
                files.filter(Files::isRegularFile)
                        .filter(file -> {
                            String path = home.relativize(file).toString().replace('\\', '/');
                            return path.contains("/src/main/") && !path.contains("/target/") && isSource(path);
                        })
                        .forEach(sources::add);
            }
        }
        try (Stream<Path> files = Files.walk(home.resolve("helper/src"))) {
            files.filter(file -> file.toString().endsWith(".js")).forEach(sources::add);
        }
        sources.add(home.resolve("start.sh"));
        for (Path file : sources) {
            String relative = home.relativize(file).toString().replace('\\', '/');
            for (String name : variablesIn(relative, Files.readString(file))) {
                variables.computeIfAbsent(name, n -> new TreeSet<>()).add(relative);
            }
        }
        return variables;
    }

    private static boolean isSource(String path) {
        String extension = path.substring(path.lastIndexOf('.') + 1);
        return extension.equals("java") || extension.equals("tsv") || CONFIG_FILES.contains(extension);
    }

    /** The variables one file reads, by the rules of its kind; nothing for other kinds of file. */
    static Set<String> variablesIn(String fileName, String text) {
        Set<String> names = new TreeSet<>();
        String extension = fileName.substring(fileName.lastIndexOf('.') + 1);
        if (fileName.endsWith(".sh")) {
            for (String line : text.split("\n")) {
                if (!line.strip().startsWith("#")) {
                    collect(SHELL_VARIABLE.matcher(line), names);
                }
            }
        } else if (extension.equals("tsv")) {
            // the roster: each part's port variable in the fifth column (Roster, ServiceDefaults, the launcher)
            for (String line : text.split("\n")) {
                String[] cells = line.strip().split("\\s+");
                if (!line.startsWith("#") && cells.length == 5) {
                    names.add(cells[4]);
                }
            }
        } else if (extension.equals("js")) {
            collect(JS_READ.matcher(text), names);
        } else if (extension.equals("java")) {
            Matcher literal = JAVA_STRING.matcher(text);
            while (literal.find()) {
                collect(PLACEHOLDER.matcher(literal.group()), names);
            }
            collect(JAVA_READ.matcher(text), names);
        } else if (CONFIG_FILES.contains(extension)) {
            String uncommented = extension.equals("xml")
                    ? XML_COMMENT.matcher(text).replaceAll("")
                    : CONFIG_COMMENT.matcher(text).replaceAll("");
            collect(PLACEHOLDER.matcher(uncommented), names);
        }
        return names;
    }

    private static void collect(Matcher matcher, Set<String> names) {
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
    }

    /** The names in the first cell of each table row of the Configuration section. */
    static Set<String> documented(String readme) {
        Set<String> names = new TreeSet<>();
        boolean inSection = false;
        for (String line : readme.split("\n")) {
            if (line.startsWith("## ")) {
                inSection = line.strip().equals("## Configuration");
            } else if (inSection && line.startsWith("|")) {
                String[] cells = line.split("\\|", -1);
                if (cells.length > 2) {
                    collect(DOCUMENTED_NAME.matcher(cells[1]), names);
                }
            }
        }
        return names;
    }

    private static String readme() throws IOException {
        return Files.readString(PlatformProcess.HOME.resolve("README.md"));
    }
}
