package io.agent4j;

/**
 * Follows a streamed run: the answer's text as it arrives, plus every event of
 * {@link AgentListener} (requests, responses, tool calls starting and finishing, the final
 * result). Called on the thread that runs the agent.
 *
 * <pre>{@code
 * agent.stream("Plan my day in Seoul", delta -> System.out.print(delta));
 * }</pre>
 */
@FunctionalInterface
public interface StreamHandler extends AgentListener {

    /** A piece of the model's text. Text of steps that end in tool calls arrives here too. */
    void onText(String delta);
}
