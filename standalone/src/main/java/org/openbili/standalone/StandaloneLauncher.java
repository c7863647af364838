package org.openbili.standalone;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.loader.net.protocol.Handlers;

/**
 * {@code ./start.sh}: the whole platform in this JVM. It wires what exists and has no logic of its own beyond
 * refusing to start twice.
 */
public final class StandaloneLauncher {

    private static final Logger log = LoggerFactory.getLogger(StandaloneLauncher.class);

    private StandaloneLauncher() {}

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromEnvironment();
        for (Map.Entry<String, Integer> port : settings.portsToListenOn().entrySet()) {
            if (!isFree(port.getValue())) {
                fail("port " + port.getValue() + " (for " + port.getKey() + ") is already in use. Is OpenBili already"
                        + " running? Stop it, or choose other ports (PORT=… for the gateway).");
            }
        }
        Files.createDirectories(settings.dataDir());
        // the services open their H2 files in parallel; one folder made by each of them at once can fail (90062)
        Files.createDirectories(settings.dataDir().resolve("db"));
        FileChannel lockFile = FileChannel.open(
                settings.dataDir().resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockFile.tryLock();
        if (lock == null) {
            fail("the data directory " + settings.dataDir() + " is in use by another OpenBili.");
        }

        Handlers.register();
        Platform platform = new Platform(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "standalone-shutdown"));
        try {
            platform.start();
        } catch (Exception e) {
            log.error("OpenBili could not start", e);
            System.exit(1);
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void fail(String why) {
        System.err.println("OpenBili cannot start: " + why);
        System.exit(2);
    }
}
