package org.openbili.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Node helper ({@code helper/}) as a child process, when {@code node} is on the PATH and its packages are
 * installed; without it the platform runs on and says the helper is off. It gets the addresses the services get,
 * listens on loopback like them, and registers itself in the registry. It holds the read end of a pipe from this
 * JVM and stops when that closes, so it never outlives the platform, even one that was killed.
 */
final class HelperProcess {

    private static final Logger log = LoggerFactory.getLogger(HelperProcess.class);
    /** What the launcher publishes to the services as system properties, handed to the helper as variables. */
    private static final List<String> PUBLISHED =
            List.of("EUREKA_URL", "DATA_DIR", "WEB_DIST", "INTERNAL_CLIENT_SECRET");

    private final Process process;
    private volatile boolean stopping;

    private HelperProcess(Process process) {
        this.process = process;
        process.onExit().thenAccept(exited -> {
            if (!stopping) {
                log.warn("The helper exited with code {}; the platform runs on without it", exited.exitValue());
            }
        });
    }

    /** The started helper, or null when it is off (and the log says why). */
    static HelperProcess start(Settings settings) {
        Path helper = settings.home().resolve("helper");
        String off = "The helper is off (link previews, oEmbed, /embed, sitemaps, /img and /qr): ";
        if (!Files.isDirectory(helper.resolve("node_modules"))) {
            log.warn(
                    off
                            + "its packages are not installed (cd helper && npm ci; ./start.sh does it when node is on the PATH)");
            return null;
        }
        int port = settings.servicePorts().get("helper");
        ProcessBuilder builder = new ProcessBuilder(
                        "node", helper.resolve("src/server.js").toString(), "--exit-with-stdin")
                .directory(helper.toFile())
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        Map<String, String> environment = builder.environment();
        for (String name : PUBLISHED) {
            String value = System.getProperty(name);
            if (value != null) {
                environment.put(name, value);
            }
        }
        environment.put("HELPER_PORT", Integer.toString(port));
        environment.put("HELPER_ADDRESS", "127.0.0.1");
        try {
            Process process = builder.start();
            log.info("Starting helper on port {} (node, pid {})", port, process.pid());
            return new HelperProcess(process);
        } catch (IOException notThere) {
            log.warn(off + "node is not on the PATH");
            return null;
        }
    }

    /** Closing its input tells it to leave the registry and exit; SIGTERM and then SIGKILL if it does not. */
    void stop() {
        stopping = true;
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
