package org.openbili.testsupport;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server a test run starts in the background (Elasticsearch, Zipkin) runs under a small shell that stops it when
 * the test JVM's pipe to the shell closes: when the JVM stops it, and also when that JVM is killed outright, so no
 * server outlives its run.
 */
public final class Watchdog {

    private static final String SCRIPT = "\"$@\" & server=$!; trap 'kill $server; wait $server; exit 0' TERM INT;"
            + " while read -r _; do :; done; kill $server; wait $server";

    private Watchdog() {}

    /** {@code command}, run under the watchdog; {@code name} is the shell's name for it (its {@code $0}). */
    public static List<String> wrap(String name, List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("sh", "-c", SCRIPT, name));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Stops the server by closing the pipe, and kills what is left after {@code patience}. */
    public static void stop(Process process, Duration patience) {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
        }
    }
}
