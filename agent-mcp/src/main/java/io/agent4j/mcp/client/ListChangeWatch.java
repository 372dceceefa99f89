package io.agent4j.mcp.client;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * A transport that counts the server's {@code notifications/tools/list_changed} as each arrives,
 * before the client handles it or any message after it: a list change the server announces before
 * it answers a call is counted by the time the call's answer is read.
 */
final class ListChangeWatch implements McpClientTransport {

    private final McpClientTransport transport;
    private final AtomicLong changes = new AtomicLong();

    ListChangeWatch(McpClientTransport transport) {
        this.transport = transport;
    }

    /** How many list changes the server has announced. */
    long changes() {
        return changes.get();
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return transport.connect(messages -> handler.apply(messages.doOnNext(message -> {
            if (message instanceof McpSchema.JSONRPCNotification notification
                    && McpSchema.METHOD_NOTIFICATION_TOOLS_LIST_CHANGED.equals(notification.method())) {
                changes.incrementAndGet();
            }
        })));
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
        transport.setExceptionHandler(handler);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return transport.closeGracefully();
    }

    @Override
    public void close() {
        transport.close();
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return transport.sendMessage(message);
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return transport.unmarshalFrom(data, typeRef);
    }

    @Override
    public List<String> protocolVersions() {
        return transport.protocolVersions();
    }
}
