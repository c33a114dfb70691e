package io.tokenledger.cli.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A local endpoint that receives budget webhooks, checks their Standard Webhooks signature, keeps them, answers
 * 204 and prints one line per webhook.
 */
public final class WebhookReceiver implements AutoCloseable {

    public static final String PATH = "/webhooks/budget";
    private final HttpServer server;
    private final WebhookSignature signature;
    private final PrintStream out;
    private final Function<String, String> describe;
    private final List<ReceivedWebhook> received = new ArrayList<>();

    private WebhookReceiver(HttpServer server, String secret, PrintStream out, Function<String, String> describe) {
        this.server = server;
        this.signature = new WebhookSignature(secret);
        this.out = out;
        this.describe = describe;
    }

    /** Starts on a free port of 127.0.0.1. {@code describe} turns a body into the printed summary. */
    public static WebhookReceiver start(String secret, PrintStream out, Function<String, String> describe)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        WebhookReceiver receiver = new WebhookReceiver(server, secret, out, describe);
        server.createContext(PATH, receiver::handle);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "webhook-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return receiver;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    public synchronized List<ReceivedWebhook> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            boolean valid = signature.verify(id, timestamp, body,
                    exchange.getRequestHeaders().getFirst("webhook-signature"));
            synchronized (this) {
                received.add(new ReceivedWebhook(id, timestamp, valid, body, Instant.now()));
            }
            out.printf("  webhook %s  signature %s  %s%n", id, valid ? "valid" : "INVALID", describe.apply(body));
            // An invalid signature is still answered 204: the demo reports it rather than making the sender retry.
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
