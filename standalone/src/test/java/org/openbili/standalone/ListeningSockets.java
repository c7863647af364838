package org.openbili.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The TCP sockets listening on this machine, read from {@code /proc/net/tcp} and {@code tcp6} as {@code ss -ltn}
 * reads them: for each port, whether every listener is bound to loopback.
 */
final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {}

    /** Port → true when all its listeners are on a loopback address, false when one faces the network. */
    static Map<Integer, Boolean> loopbackOnlyByPort() throws IOException {
        Map<Integer, Boolean> ports = new HashMap<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (!fields[3].equals(LISTEN)) {
                    continue;
                }
                String[] local = fields[1].split(":");
                int port = Integer.parseInt(local[1], 16);
                ports.merge(port, isLoopback(local[0]), Boolean::logicalAnd);
            }
        }
        return ports;
    }

    /** The kernel's hex form: 127.x.x.x (little-endian, so it ends in 7F), ::1, or ::ffff:127.x.x.x. */
    private static boolean isLoopback(String hex) {
        if (hex.length() == 8) {
            return hex.endsWith("7F");
        }
        return hex.equals("00000000000000000000000001000000")
                || (hex.startsWith("0000000000000000FFFF0000") && hex.endsWith("7F"));
    }
}
