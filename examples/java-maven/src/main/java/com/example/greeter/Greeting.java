package com.example.greeter;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

final class Greeting {

    private Greeting() {
    }

    static String greet(String name) {
        String who = name == null || name.isBlank() ? "world" : name.trim();
        return "Hello, " + who.replaceAll("[^\\p{L}\\p{N} .'-]", "") + "!";
    }

    static String nameFromQuery(String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && "name".equals(pair.substring(0, eq))) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
