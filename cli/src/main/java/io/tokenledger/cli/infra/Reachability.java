package io.tokenledger.cli.infra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * Checks that a server given by URL accepts TCP connections before the services are started against it: otherwise
 * each service would wait for it until the ready timeout and the cause would be buried in their logs.
 */
final class Reachability {

    private static final int TIMEOUT_MILLIS = 3_000;

    private Reachability() {
    }

    /** {@code url} is a JDBC URL ({@code jdbc:postgresql://host[:port]/db}) or {@code redis://host[:port][/db]}. */
    static void require(String what, String url, int defaultPort, String option) throws IOException {
        URI uri;
        try {
            uri = URI.create(url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url);
        } catch (IllegalArgumentException e) {
            return; // an unusual URL (e.g. several hosts): left to the driver to judge
        }
        if (uri.getHost() == null) {
            return;
        }
        int port = uri.getPort() > 0 ? uri.getPort() : defaultPort;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), TIMEOUT_MILLIS);
        } catch (IOException e) {
            throw new IOException(what + " at " + uri.getHost() + ":" + port + " (" + option + ") is not reachable: "
                    + e.getMessage() + ". Start it, fix the URL, or leave the option out to use an embedded one.", e);
        }
    }
}
