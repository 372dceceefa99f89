package io.agent4j;

import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.ToolCall;
import io.agent4j.tool.ToolResult;
import java.util.List;
import java.util.function.Supplier;

/** An agent's interceptors around a run, a model call and a tool call; the first given is the outermost. */
final class Interceptors {

    private Interceptors() {
    }

    static AgentResult run(List<AgentInterceptor> interceptors, AgentInterceptor.Run run, Supplier<AgentResult> body) {
        Supplier<AgentResult> chain = body;
        for (int i = interceptors.size() - 1; i >= 0; i--) {
            AgentInterceptor interceptor = interceptors.get(i);
            Supplier<AgentResult> next = chain;
            chain = () -> interceptor.aroundRun(run, next);
        }
        return chain.get();
    }

    static ChatResponse modelCall(List<AgentInterceptor> interceptors, int step, ChatRequest request,
            Supplier<ChatResponse> call) {
        Supplier<ChatResponse> chain = call;
        for (int i = interceptors.size() - 1; i >= 0; i--) {
            AgentInterceptor interceptor = interceptors.get(i);
            Supplier<ChatResponse> next = chain;
            chain = () -> interceptor.aroundModelCall(step, request, next);
        }
        return chain.get();
    }

    static Supplier<ToolResult> toolCall(List<AgentInterceptor> interceptors, int step, ToolCall call,
            Supplier<ToolResult> body) {
        Supplier<ToolResult> chain = body;
        for (int i = interceptors.size() - 1; i >= 0; i--) {
            chain = java.util.Objects.requireNonNull(interceptors.get(i).aroundToolCall(step, call, chain),
                    "an interceptor's aroundToolCall returned null");
        }
        return chain;
    }
}
