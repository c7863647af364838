package org.openbili.standalone;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Function;

/**
 * The services' own databases read with plain JDBC, to see what a platform really stored: on MariaDB/MySQL while
 * it runs (each service's database as the launcher names it), or the H2 files of a stopped standalone platform.
 */
final class ServiceDatabases {

    private final Function<String, String> urlOf;
    private final String username;
    private final String password;

    private ServiceDatabases(Function<String, String> urlOf, String username, String password) {
        this.urlOf = urlOf;
        this.username = username;
        this.password = password;
    }

    /** {@code dbUrl} as the platform was given it ({@code DB_URL}); the launcher appends each service's name. */
    static ServiceDatabases server(String dbUrl, String username, String password) {
        return new ServiceDatabases(service -> Platform.databaseFor(service, dbUrl), username, password);
    }

    /** The H2 files under {@code DATA_DIR/db}, opened read-only: the platform must have stopped. */
    static ServiceDatabases h2Files(Path dataDir) {
        return new ServiceDatabases(
                service -> "jdbc:h2:file:" + dataDir.resolve("db").resolve(service)
                        + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE;MODE=MySQL;DATABASE_TO_LOWER=TRUE"
                        + ";CASE_INSENSITIVE_IDENTIFIERS=TRUE;NON_KEYWORDS=VALUE,KEY,USER",
                "root",
                "");
    }

    /** The one number {@code sql} answers in {@code service}'s database. */
    long number(String service, String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(urlOf.apply(service), username, password);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new AssertionError("no row for " + sql);
                }
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(service + ": " + sql, e);
        }
    }
}
