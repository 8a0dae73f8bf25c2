package dev.ledgerstream.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/**
 * Checks the fixed ports before anything starts, so a port in use is one clear line naming the
 * variable that moves it, and nothing is left half-started; and finds free ones.
 */
final class FreePorts {

    private FreePorts() {
    }

    /**
     * Throws when {@code port} cannot be bound on {@code host} ({@code null}: every interface);
     * port 0 (any free port) always passes.
     */
    static void require(String host, int port, String variable) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            // The servers themselves bind with SO_REUSEADDR, so a port in TIME_WAIT after a restart is free for them too.
            socket.setReuseAddress(true);
            socket.bind(host == null ? new InetSocketAddress(port) : new InetSocketAddress(address(host), port));
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " (" + variable + ") is in use: is local mode already"
                    + " running? Stop it, or set " + variable + " to another port");
        }
    }

    /**
     * A port that is free on 127.0.0.1 now, for a server that cannot be given port 0 (the embedded
     * broker and PostgreSQL, whose addresses are written down before they start).
     */
    static int any() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(address("127.0.0.1"), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("cannot find a free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("Unknown host " + host, e);
        }
    }
}
