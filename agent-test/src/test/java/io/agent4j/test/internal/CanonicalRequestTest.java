package io.agent4j.test.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.ChatOptions;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.UserMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class CanonicalRequestTest {

    private static ChatRequest request(String callId, ChatOptions options) {
        return new ChatRequest(List.of(new UserMessage("1 + 2?"),
                new AssistantMessage(null, List.of(new ToolCall(callId, "add", "{\"a\":1,\"b\":2}"))),
                new ToolMessage(callId, "add", "3")), List.of(), options);
    }

    private static ObjectNode canonical(ChatRequest request) {
        return CanonicalRequest.of(CanonicalRequest.recorded(request));
    }

    @Test
    void toolCallIdsAreNumberedInOrderSoThatAServersIdsDoNotMatter() {
        ObjectNode a = canonical(request("call_Xy12abc", ChatOptions.NONE));
        ObjectNode b = canonical(request("toolu_999", ChatOptions.NONE));

        assertThat(a).isEqualTo(b);
        assertThat(a.at("/messages/1/tool_calls/0/id").asString()).isEqualTo("call_1");
        assertThat(a.at("/messages/2/tool_call_id").asString()).isEqualTo("call_1");
    }

    @Test
    void theOptionsSetAreRecordedAndTakePartInTheMatch() {
        ObjectNode cool = canonical(request("c", ChatOptions.builder().temperature(0.2).seed(7L).build()));
        ObjectNode warm = canonical(request("c", ChatOptions.builder().temperature(0.9).seed(7L).build()));

        assertThat(cool.get("options").get("temperature").asDouble()).isEqualTo(0.2);
        assertThat(cool.get("options").get("seed").asLong()).isEqualTo(7);
        assertThat(cool).isNotEqualTo(warm);
        assertThat(canonical(request("c", ChatOptions.NONE)).has("options")).isFalse();
    }

    @Test
    void optionsThatIdentifyAUserOrACacheAreComparedOnlyForBeingSet() {
        ObjectNode one = canonical(request("c", ChatOptions.builder().user("u-1").promptCacheKey("k1")
                .metadata(Map.of("run", "1")).build()));
        ObjectNode two = canonical(request("c", ChatOptions.builder().user("u-2").promptCacheKey("k2")
                .metadata(Map.of("run", "2")).build()));

        assertThat(one).isEqualTo(two);
        assertThat(one.get("options").get("user").asString()).isEqualTo("<set>");
    }
}
