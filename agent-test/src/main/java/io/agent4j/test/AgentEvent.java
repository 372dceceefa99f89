package io.agent4j.test;

import io.agent4j.AgentResult;
import io.agent4j.approval.Decision;
import io.agent4j.approval.PendingCall;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.Retry;
import io.agent4j.chat.ToolCall;
import io.agent4j.guardrail.GuardrailEvent;
import io.agent4j.tool.ToolResult;
import java.time.Duration;
import java.util.List;

/**
 * One event of a run, as a {@link RecordingListener} kept it: one record per method of
 * {@link io.agent4j.AgentListener}.
 */
public sealed interface AgentEvent {

    /** A short name of the event for assertions over their order, such as {@code tool-finished add}. */
    String kind();

    /** A request is about to be sent. */
    record Request(int step, ChatRequest request) implements AgentEvent {
        @Override
        public String kind() {
            return "request";
        }
    }

    /** The model answered. */
    record Response(int step, ChatResponse response) implements AgentEvent {
        @Override
        public String kind() {
            return "response";
        }
    }

    /** The model call is sent again. */
    record Retried(int step, Retry retry) implements AgentEvent {
        @Override
        public String kind() {
            return "retry";
        }
    }

    /** A tool call is about to run. */
    record ToolStarted(int step, ToolCall call) implements AgentEvent {
        @Override
        public String kind() {
            return "tool-started " + call.name();
        }
    }

    /** A tool call finished; {@code result.failed()} tells whether it went wrong. */
    record ToolFinished(int step, ToolCall call, ToolResult result, Duration duration) implements AgentEvent {
        @Override
        public String kind() {
            return "tool-finished " + call.name();
        }
    }

    /** A guardrail decided. */
    record Guardrail(int step, GuardrailEvent event) implements AgentEvent {
        @Override
        public String kind() {
            return "guardrail";
        }
    }

    /** The run stops to wait for a person's approval of these calls. */
    record Waiting(int step, List<PendingCall> pending) implements AgentEvent {
        @Override
        public String kind() {
            return "waiting";
        }
    }

    /** A resumed run applies a person's decision. */
    record Decided(int step, ToolCall call, Decision decision) implements AgentEvent {
        @Override
        public String kind() {
            return "decision " + call.name();
        }
    }

    /** The run produced its result. */
    record Finished(AgentResult result) implements AgentEvent {
        @Override
        public String kind() {
            return "finished";
        }
    }

    /** The run ended with an exception. */
    record Failed(Throwable error) implements AgentEvent {
        @Override
        public String kind() {
            return "failed";
        }
    }
}
