package org.openbili.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs a server as an unprivileged system user when the tests run as root (as in CI containers), for servers
 * that refuse root, such as Elasticsearch.
 */
final class RunAs {

    private RunAs() {}

    static boolean isRoot() {
        return "0".equals(output(List.of("id", "-u")));
    }

    /** Creates the system user (and its group) unless it exists; concurrent runs may race, so the last word is id's. */
    static synchronized void ensureUser(String user) {
        if (exists(user)) {
            return;
        }
        run(List.of("useradd", "--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", user));
        if (!exists(user)) {
            throw new IllegalStateException("Could not create the user " + user + " to run a test server");
        }
    }

    /** Gives {@code folder} and everything in it to {@code user} and its group. */
    static void chown(Path folder, String user) {
        UserPrincipalLookupService lookup = folder.getFileSystem().getUserPrincipalLookupService();
        try (Stream<Path> paths = Files.walk(folder)) {
            UserPrincipal owner = lookup.lookupPrincipalByName(user);
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(user);
            for (Path path : (Iterable<Path>) paths::iterator) {
                PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
                view.setOwner(owner);
                view.setGroup(group);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The words that run the rest of a command line as {@code user}. */
    static List<String> prefix(String user) {
        return List.of("setpriv", "--reuid=" + user, "--regid=" + user, "--init-groups", "--");
    }

    private static boolean exists(String user) {
        return run(List.of("id", "-u", user)) == 0;
    }

    private static int run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return process.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String output(List<String> command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes()).trim();
            process.waitFor();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
