package org.crmsync.emulators.http;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;

/** Serves one {@link EmulatorHandler} over real HTTP on a Micronaut Netty server. */
public final class EmulatorServer implements AutoCloseable {

    private final ApplicationContext context;
    private final EmbeddedServer server;

    private EmulatorServer(ApplicationContext context, EmbeddedServer server) {
        this.context = context;
        this.server = server;
    }

    /** Starts serving on {@code port}; 0 picks a free one. */
    public static EmulatorServer start(String name, EmulatorHandler handler, int port) {
        ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of(
                        "micronaut.application.name", name,
                        "micronaut.server.port", port == 0 ? -1 : port,
                        "micronaut.server.host", "127.0.0.1",
                        // Pages of 20,000 BC customers are tens of megabytes.
                        "micronaut.server.max-request-size", "200MB",
                        "micronaut.server.netty.max-header-size", 65536,
                        "micronaut.server.netty.max-initial-line-length", 65536))
                .singletons(handler)
                .deduceEnvironment(false)
                .start();
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        return new EmulatorServer(context, server);
    }

    /** The server's root, such as {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.stop();
        context.close();
    }
}
