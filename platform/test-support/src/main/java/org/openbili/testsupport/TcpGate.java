package org.openbili.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A port that refuses connections until it is opened, then forwards them to a real server. Lets a test show
 * what happens while a dependency (Kafka, say) is unreachable and after it comes back.
 */
public final class TcpGate implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port = Ports.free();
    private volatile ServerSocket server;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

    public TcpGate(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    public int port() {
        return port;
    }

    public synchronized void open() {
        if (server != null) {
            return;
        }
        try {
            server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "tcp-gate-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept() {
        ServerSocket listening = server;
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket target = new Socket(targetHost, targetPort);
                connections.add(client);
                connections.add(target);
                pump(client, target);
                pump(target, client);
            } catch (IOException e) {
                // closed, or the target refused: the client sees its connection drop
            }
        }
    }

    /**
     * Closes the port and drops the connections already through it, as a crashed server would; {@link #close()}
     * leaves those alone, so pooled keep-alive connections would otherwise go on working.
     */
    public synchronized void cutOff() throws IOException {
        close();
        for (Socket socket : connections) {
            socket.close();
        }
        connections.clear();
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // one side went away
            } finally {
                try {
                    to.close();
                    from.close();
                    connections.remove(to);
                    connections.remove(from);
                } catch (IOException ignored) {
                    // already closed
                }
            }
        });
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void close() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
