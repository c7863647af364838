package org.openbili.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database of this test run. With {@code DB_URL} (MariaDB or MySQL) each module gets a database of its own,
 * dropped and created afresh, so runs never see each other's rows; without it, an H2 in-memory database in
 * MySQL mode. Either way the result is published as the {@code DB_URL}, {@code DB_USERNAME} and
 * {@code DB_PASSWORD} system properties that the services' configuration reads.
 */
public final class TestDatabase {

    /** The H2 settings every H2 database of the project uses, in tests and in standalone mode. */
    public static final String H2_OPTIONS =
            ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;NON_KEYWORDS=VALUE,KEY,USER";

    private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);
    private static final Pattern SERVER_URL = Pattern.compile("(jdbc:(?:mariadb|mysql)://[^/?]+)(?:/([^?]*))?(\\?.*)?");
    private static String url;

    private TestDatabase() {}

    public static synchronized String url() {
        if (url == null) {
            String external = external();
            url = external == null ? h2Url() : freshDatabase(external, runName());
            System.setProperty("DB_URL", url);
            System.setProperty("DB_USERNAME", username());
            System.setProperty("DB_PASSWORD", password());
        }
        return url;
    }

    /**
     * Another empty database beside the run's own, for a test that must not share tables with the others
     * (for example a second application context with its own outbox). Not published as {@code DB_URL}.
     */
    public static synchronized String fresh(String name) {
        url();
        String external = external();
        String run = runName() + "_" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        if (external == null) {
            return "jdbc:h2:mem:" + run + ";DB_CLOSE_DELAY=-1" + H2_OPTIONS;
        }
        return freshDatabase(external, run);
    }

    public static boolean isH2() {
        return url().startsWith("jdbc:h2:");
    }

    public static String username() {
        String user = System.getenv("DB_USERNAME");
        return user == null ? "root" : user;
    }

    public static String password() {
        String password = System.getenv("DB_PASSWORD");
        return password == null ? "" : password;
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), username(), password());
    }

    /** {@code DB_URL} when it names a server; unset, blank or {@code h2} means an in-memory H2. */
    private static String external() {
        String external = System.getenv("DB_URL");
        return external == null || external.isBlank() || external.equalsIgnoreCase("h2") ? null : external;
    }

    private static String h2Url() {
        return "jdbc:h2:mem:" + runName() + ";DB_CLOSE_DELAY=-1" + H2_OPTIONS;
    }

    private static String freshDatabase(String external, String name) {
        Matcher m = SERVER_URL.matcher(external);
        if (!m.matches()) {
            log.warn("DB_URL {} is not a MariaDB/MySQL URL; using it as it is", external);
            return external;
        }
        String database = "ob_" + name;
        String params = m.group(3) == null ? "" : m.group(3);
        try (Connection connection = DriverManager.getConnection(external, username(), password());
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS `" + database + "`");
            statement.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the test database " + database + " at " + external, e);
        }
        log.info("Tests use the fresh database {} on {}", database, m.group(1));
        return m.group(1) + "/" + database + params;
    }

    private static String runName() {
        String module = System.getProperty("openbili.test.module", "tests");
        return module.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    }
}
