package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.tool.ToolPack;
import io.agent4j.tool.Toolbox;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * {@code run --packs}: the ready packs of this class path, whichever they are (PackOnClassPathTest
 * puts a known one there).
 */
class PacksOptionTest {

    @RegisterExtension
    static WireMockExtension server = FakeOpenAi.extension();

    private static final List<ToolPack> PACKS = ToolPack.discover(PacksOptionTest.class.getClassLoader());

    @Test
    void anUnknownPackIsAUsageErrorThatListsTheAvailableOnes() {
        String available = PACKS.isEmpty() ? "there are no tool packs on the class path"
                : "the packs are: " + PACKS.stream().map(ToolPack::name).collect(Collectors.joining(", "));

        Cli.Result result = Cli.run("run", "--packs", "no-such-pack", "--api-key", "k",
                "--base-url", FakeOpenAi.baseUrl(server), "hi");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).containsExactly("agent4j: Unknown pack 'no-such-pack'; " + available
                + " (see 'agent4j run --help')");
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    @Test
    void thePacksToolsAreTheAgentsTools() {
        if (PACKS.isEmpty()) {
            Cli.Result result = Cli.run("run", "--packs", "math", "--api-key", "k", "hi");
            assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(result.err()).contains("there are no tool packs on the class path");
            return;
        }
        List<ToolPack> chosen = PACKS.subList(0, Math.min(2, PACKS.size()));
        String names = chosen.stream().map(ToolPack::name).collect(Collectors.joining(","));
        FakeOpenAi.script(server, FakeOpenAi.answer("ok"));

        Cli.Result result = Cli.run("run", "--packs", names, "--base-url", FakeOpenAi.baseUrl(server),
                "--api-key", "k", "hi");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        JsonNode request = FakeOpenAi.requests(server).get(0);
        assertThat(request.path("tools").valueStream().map(tool -> tool.at("/function/name").asString()))
                .containsExactlyInAnyOrderElementsOf(Toolbox.ofPacks(chosen, Map.of()).names());
        assertThat(request.at("/messages/0/content").asString()).isEqualTo(RunCommand.GENERIC_INSTRUCTIONS);
    }
}
