package com.example.greeter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws IOException {
        int port = port(System.getenv("PORT"), 8080);
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/", Main::handleRoot);
        server.createContext("/health", exchange -> send(exchange, 200, "text/plain", "ok"));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        System.out.println("greeter listening on port " + port);

        // `docker stop` sends SIGTERM: let in-flight requests finish for up to 2 s.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("shutting down");
            server.stop(2);
        }));
    }

    static int port(String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            return port > 0 && port < 65536 ? port : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static void handleRoot(HttpExchange exchange) throws IOException {
        if (!"/".equals(exchange.getRequestURI().getPath())) {
            send(exchange, 404, "application/json", "{\"error\":\"not found\"}");
            return;
        }
        String name = Greeting.nameFromQuery(exchange.getRequestURI().getQuery());
        send(exchange, 200, "application/json", "{\"message\":\"" + Greeting.greet(name) + "\"}");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
