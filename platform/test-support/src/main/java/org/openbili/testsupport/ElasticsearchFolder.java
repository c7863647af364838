package org.openbili.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder one test node owns: a copy of the distribution's configuration, its data, logs and temporary files,
 * and its console output. The distribution itself stays read-only, so concurrent runs can share it.
 */
record ElasticsearchFolder(Path root) {

    private static final String PREFIX = "openbili-es-";
    private static final String OWNER = "owner.pid";

    /** A fresh folder for a node of this JVM, given to {@code user} when one is named. */
    static ElasticsearchFolder create(Path home, String user) throws IOException {
        removeAbandoned();
        Path root = Files.createTempDirectory(PREFIX);
        Files.writeString(
                root.resolve(OWNER), Long.toString(ProcessHandle.current().pid()));
        copy(home.resolve("config"), root.resolve("config"));
        for (String folder : List.of("data", "logs", "tmp")) {
            Files.createDirectories(root.resolve(folder));
        }
        if (user != null) {
            RunAs.chown(root, user);
        }
        return new ElasticsearchFolder(root);
    }

    Path config() {
        return root.resolve("config");
    }

    Path data() {
        return root.resolve("data");
    }

    Path logs() {
        return root.resolve("logs");
    }

    Path tmp() {
        return root.resolve("tmp");
    }

    Path console() {
        return root.resolve("console.log");
    }

    /** The last lines the node printed, for a failure message. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(console());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no console output: " + e.getMessage() + ")";
        }
    }

    void delete() {
        delete(root);
    }

    /** Deletes the folders of runs whose test JVM was killed before it could clean up. */
    private static void removeAbandoned() throws IOException {
        try (Stream<Path> folders = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            folders.filter(folder -> folder.getFileName().toString().startsWith(PREFIX))
                    .filter(folder -> !ownerAlive(folder))
                    .forEach(ElasticsearchFolder::delete);
        }
    }

    private static boolean ownerAlive(Path folder) {
        try {
            long pid = Long.parseLong(Files.readString(folder.resolve(OWNER)).strip());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return true; // being set up right now, or not ours to judge
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary folder; the machine cleans it eventually
        }
    }
}
