package io.agent4j.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.chat.Usage;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceTableTest {

    @TempDir
    Path dir;

    private final PriceTable standard = PriceTable.standard();

    @Test
    void theStandardTableIsDatedAndKnowsCurrentModels() {
        assertThat(standard.date()).isEqualTo(LocalDate.of(2025, 8, 7));
        assertThat(standard.price("gpt-4o")).contains(Price.of("2.50", "1.25", "10.00"));
        assertThat(standard.price("gpt-4o-mini")).contains(Price.of("0.15", "0.075", "0.60"));
    }

    @Test
    void datedSnapshotsArePricedAsTheirFamilyByLongestPrefix() {
        assertThat(standard.price("gpt-4o-mini-2024-07-18")).isEqualTo(standard.price("gpt-4o-mini"));
        assertThat(standard.price("gpt-4o-2024-08-06")).isEqualTo(standard.price("gpt-4o"));
        assertThat(standard.price("gpt-4oo")).isEmpty();
        assertThat(standard.price("llama3.1")).isEmpty();
        assertThat(standard.price(null)).isEmpty();
    }

    @Test
    void costChargesCachedPromptTokensAtTheCachedPrice() {
        Usage usage = Usage.builder().promptTokens(1_000_000).completionTokens(200_000).cachedPromptTokens(400_000)
                .reasoningTokens(50_000).build();
        // 600k fresh at 2.50 + 400k cached at 1.25 + 200k out at 10.00
        assertThat(standard.cost("gpt-4o", usage)).contains(new BigDecimal("4"));
        assertThat(standard.cost("gpt-4o", Usage.of(120, 40)))
                .contains(new BigDecimal("0.0007"));
    }

    @Test
    void unknownModelsHaveNoCost() {
        assertThat(standard.cost("my-local-model", Usage.of(10, 10))).isEmpty();
    }

    @Test
    void pricesCanBeOverriddenInCodeAndFromAFile() throws Exception {
        PriceTable custom = standard.with("my-finetune", Price.of("3", "1.5", "12"));
        assertThat(custom.cost("my-finetune", Usage.of(1_000_000, 0))).contains(new BigDecimal("3"));
        Path file = Files.writeString(dir.resolve("prices.properties"),
                "date=2026-11-01\ngpt-4o = 2.00, 1.00, 8.00\nlocal = 0, 0, 0\n");
        PriceTable merged = standard.with(PriceTable.load(file));
        assertThat(merged.date()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(merged.price("gpt-4o")).contains(Price.of("2.00", "1.00", "8.00"));
        assertThat(merged.cost("local", Usage.of(5, 5))).contains(BigDecimal.ZERO);
        assertThat(merged.price("gpt-4o-mini")).isEqualTo(standard.price("gpt-4o-mini"));
    }

    @Test
    void aBadFileNamesTheLineAtFault() throws Exception {
        Path undated = Files.writeString(dir.resolve("undated.properties"), "gpt-4o = 1, 1, 1\n");
        assertThatThrownBy(() -> PriceTable.load(undated)).hasMessageContaining("date=YYYY-MM-DD");
        Path broken = Files.writeString(dir.resolve("broken.properties"), "date=2026-01-01\ngpt-4o = cheap\n");
        assertThatThrownBy(() -> PriceTable.load(broken)).hasMessageContaining("'gpt-4o'")
                .hasMessageContaining("three decimals");
        assertThatThrownBy(() -> PriceTable.load(dir.resolve("missing.properties")))
                .hasMessageContaining("Cannot read price file");
        assertThatThrownBy(() -> Price.of("-1", "0", "0")).hasMessageContaining("negative");
    }
}
