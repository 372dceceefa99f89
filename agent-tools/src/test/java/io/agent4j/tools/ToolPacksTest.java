package io.agent4j.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.errors.ToolRegistrationException;
import io.agent4j.tool.ToolDefinition;
import io.agent4j.tool.ToolPack;
import io.agent4j.tool.Toolbox;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The five packs are discoverable, their tools merge into one toolbox, and each is described for a model. */
class ToolPacksTest {

    private static final Pattern NAME = Pattern.compile("[a-z]+");

    private final List<ToolPack> packs = ToolPack.discover(getClass().getClassLoader());

    @TempDir
    Path root;

    @Test
    void discoveryFindsExactlyTheFivePacks() {
        assertThat(packs).extracting(ToolPack::name).containsExactly("math", "units", "time", "files", "http");
        assertThat(packs).allSatisfy(pack -> {
            assertThat(pack.name()).matches(NAME);
            assertThat(pack.description()).isNotBlank();
        });
    }

    @Test
    void allToolsMergeIntoOneToolboxWithUniqueNames() {
        Toolbox tools = Toolbox.ofPacks(packs, Map.of("files.root", root.toString(), "files.writable", "true"));

        assertThat(tools.names()).containsExactlyInAnyOrder("evaluate", "sqrt", "percentOf", "convert",
                "time_now", "date_difference", "add_period", "convert_time_zone",
                "list_files", "read_file", "search_files", "write_file", "http_get");
        assertThat(tools.call("percentOf", "{\"percent\": \"17.5\", \"value\": \"2340.80\"}").content())
                .isEqualTo("409.64");
        assertThat(tools.call("convert", "{\"value\": 1, \"from\": \"mi\", \"to\": \"km\"}").content())
                .isEqualTo("{\"value\":1.609344,\"unit\":\"km\"}");
    }

    @Test
    void everyToolAndParameterIsDescribedForTheModel() {
        Toolbox tools = Toolbox.ofPacks(packs, Map.of("files.root", root.toString(), "files.writable", "true"));
        for (ToolDefinition tool : tools.definitions()) {
            assertThat(tool.description()).as(tool.name()).hasSizeGreaterThan(40);
            assertThat(tool.strict()).as(tool.name()).isTrue();
            tool.parameters().path("properties").forEach(property ->
                    assertThat(property.path("description").asString()).as(tool.name()).isNotBlank());
        }
    }

    @Test
    void packsWithoutSettingsRefuseAnySetting() {
        assertThatThrownBy(() -> Toolbox.ofPacks(packs, Map.of("math.precision", "10")))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessage("Unknown setting 'math.precision' for the math tool pack; it has no settings.");
        assertThatThrownBy(() -> Toolbox.ofPacks(packs, Map.of("time.zone", "UTC")))
                .hasMessageStartingWith("Unknown setting 'time.zone'");
    }
}
