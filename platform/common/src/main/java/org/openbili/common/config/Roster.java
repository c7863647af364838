package org.openbili.common.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The platform's parts, their kinds and ports, as {@code openbili/roster.tsv} lists them: the one place the
 * services, the launcher, the gateway, the tests, the benchmarks and the deployment checks take them from. Plain
 * JDK code, so that the launcher can read it without the services' libraries.
 */
public final class Roster {

    public static final String LOCATION = "openbili/roster.tsv";

    /** What a part is. */
    public enum Kind {
        REGISTRY,
        /** A Spring service behind the gateway, with its own database. */
        APPLICATION,
        /** The Node helper: optional, started when {@code node} is on the PATH. */
        NODE,
        GATEWAY,
        /** Redis and Kafka, embedded in standalone mode when no address is given. */
        ENGINE
    }

    /**
     * One part: {@code port} is its default in a distributed deployment, {@code standalonePort} in standalone mode,
     * and {@code variable} the environment variable that changes either.
     */
    public record Part(String name, Kind kind, int port, int standalonePort, String variable) {

        /** The port this part listens on, given the environment and the mode. */
        public int port(Map<String, String> environment, boolean standalone) {
            String chosen = environment.get(variable);
            if (chosen != null && !chosen.isBlank()) {
                return Integer.parseInt(chosen.trim());
            }
            return standalone ? standalonePort : port;
        }
    }

    private static final List<Part> PARTS = load();

    private Roster() {}

    /** Every part, in the order standalone mode starts them. */
    public static List<Part> parts() {
        return PARTS;
    }

    /** The parts of these kinds, in roster order. */
    public static List<Part> of(Kind... kinds) {
        List<Kind> wanted = List.of(kinds);
        return PARTS.stream().filter(part -> wanted.contains(part.kind())).toList();
    }

    /** The names of the parts of these kinds, in roster order. */
    public static List<String> names(Kind... kinds) {
        return of(kinds).stream().map(Part::name).toList();
    }

    public static Part part(String name) {
        return PARTS.stream()
                .filter(part -> part.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException(name + " is not in " + LOCATION));
    }

    public static boolean has(String name) {
        return PARTS.stream().anyMatch(part -> part.name().equals(name));
    }

    private static List<Part> load() {
        try (InputStream in = Roster.class.getClassLoader().getResourceAsStream(LOCATION)) {
            if (in == null) {
                throw new IllegalStateException(LOCATION + " is not on the class path");
            }
            List<Part> parts = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String row = line.strip();
                if (row.isEmpty() || row.startsWith("#")) {
                    continue;
                }
                String[] cells = row.split("\\s+");
                if (cells.length != 5) {
                    throw new IllegalStateException(LOCATION + ": five columns expected in \"" + row + "\"");
                }
                parts.add(new Part(
                        cells[0],
                        Kind.valueOf(cells[1].toUpperCase(java.util.Locale.ROOT)),
                        Integer.parseInt(cells[2]),
                        Integer.parseInt(cells[3]),
                        cells[4]));
            }
            return List.copyOf(parts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
