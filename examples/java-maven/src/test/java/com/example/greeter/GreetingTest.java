package com.example.greeter;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import org.junit.Test;

public class GreetingTest {

    @Test
    public void greetsTheWorldByDefault() {
        assertEquals("Hello, world!", Greeting.greet(null));
        assertEquals("Hello, world!", Greeting.greet("  "));
    }

    @Test
    public void greetsByName() {
        assertEquals("Hello, Ada!", Greeting.greet("Ada"));
        assertEquals("Hello, scriptalert1script!", Greeting.greet("<script>alert(1)</script>"));
    }

    @Test
    public void readsNameFromQuery() {
        assertEquals("Grace Hopper", Greeting.nameFromQuery("x=1&name=Grace+Hopper"));
        assertNull(Greeting.nameFromQuery("x=1"));
        assertNull(Greeting.nameFromQuery(null));
    }

    @Test
    public void fallsBackToDefaultPort() {
        assertEquals(8080, Main.port(null, 8080));
        assertEquals(8080, Main.port("nope", 8080));
        assertEquals(9000, Main.port("9000", 8080));
    }
}
