package io.agent4j.tools.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.tool.ToolResult;
import io.agent4j.tool.Toolbox;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Conversions, their exactness, the error messages, and the converter as a tool. */
class UnitConverterTest {

    private final UnitConverter converter = new UnitConverter();

    @ParameterizedTest(name = "{0} {1} = {3} {2}")
    @CsvSource({
        "1, mi, km, 1.609344",
        "1, km, m, 1000",
        "1000, m, km, 1",
        "12, in, ft, 1",
        "1, yd, cm, 91.44",
        "5, mm, in, 0.196850393700787",
        "1, lb, kg, 0.45359237",
        "16, oz, lb, 1",
        "3.2, kg, lb, 7.05479238991608",
        "1500, mg, g, 1.5",
        "100, C, F, 212",
        "212, F, C, 100",
        "-40, F, C, -40",
        "100, F, C, 37.7777777777778",
        "0, K, C, -273.15",
        "0, C, K, 273.15",
        "32, F, K, 273.15",
        "1, gal, qt, 4",
        "1, gal, l, 3.785411784",
        "4, cup, qt, 1",
        "250, ml, l, 0.25",
        "1, l, cup, 4.22675283773037",
        "0, m, ft, 0",
    })
    void converts(String value, String from, String to, String expected) {
        Quantity result = converter.convert(new BigDecimal(value), from, to);
        assertThat(result.value().toString()).isEqualTo(expected);
        assertThat(result.unit()).as("each unit here is written as its symbol").isEqualTo(to);
    }

    @Test
    void acceptsNamesAndSymbolsInAnyCase() {
        assertThat(converter.convert(new BigDecimal("2"), "Pounds", "KG"))
                .isEqualTo(new Quantity(new BigDecimal("0.90718474"), "kg"));
        assertThat(converter.convert(new BigDecimal("100"), "celsius", "°F").toString()).isEqualTo("212 F");
        assertThat(converter.convert(new BigDecimal("3"), "feet", "inches").toString()).isEqualTo("36 in");
    }

    @Test
    void wholeResultsAreNotInExponentNotation() {
        Quantity result = converter.convert(new BigDecimal("5"), "km", "mm");
        assertThat(result.value().toString()).isEqualTo("5000000");
    }

    @Test
    void listsTheKnownUnitsForAnUnknownOne() {
        assertThatThrownBy(() -> converter.convert(BigDecimal.ONE, "stone", "kg"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown unit 'stone'. Known units: length m, km, cm, mm, mi, yd, ft, in; "
                        + "mass kg, g, mg, lb, oz; temperature C, F, K; volume l, ml, gal, qt, cup.");
    }

    @Test
    void refusesUnitsOfDifferentKinds() {
        assertThatThrownBy(() -> converter.convert(BigDecimal.ONE, "kg", "m"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot convert kg (mass) to m (length): both units must measure the same kind "
                        + "of quantity.");
    }

    @Test
    void refusesTemperaturesBelowAbsoluteZero() {
        assertThatThrownBy(() -> converter.convert(new BigDecimal("-300"), "C", "K"))
                .hasMessage("-300 C is below absolute zero.");
        assertThat(converter.convert(new BigDecimal("-459.67"), "F", "K").value()).isEqualByComparingTo("0");
    }

    @Test
    void worksAsAToolAndReturnsAJsonRecord() {
        Toolbox tools = Toolbox.of(new UnitConverter());
        ToolResult result = tools.call("convert", "{\"value\": 3.2, \"from\": \"kg\", \"to\": \"lb\"}");
        assertThat(result.failed()).isFalse();
        assertThat(result.content()).isEqualTo("{\"value\":7.05479238991608,\"unit\":\"lb\"}");

        ToolResult decimal = tools.call("convert", "{\"value\": 0.1, \"from\": \"m\", \"to\": \"cm\"}");
        assertThat(decimal.content()).isEqualTo("{\"value\":10,\"unit\":\"cm\"}");

        ToolResult text = tools.call("convert", "{\"value\": \"2.5\", \"from\": \"gal\", \"to\": \"qt\"}");
        assertThat(text.failed()).isTrue();
        assertThat(text.content()).contains("$.value: string found, number expected");

        ToolResult unknown = tools.call("convert", "{\"value\": 1, \"from\": \"kg\", \"to\": \"stone\"}");
        assertThat(unknown.failed()).isTrue();
        assertThat(unknown.content()).contains("Unknown unit 'stone'").contains("mass kg, g, mg, lb, oz");
    }

    @Test
    void describesItsParametersToTheModel() {
        var schema = Toolbox.of(new UnitConverter()).definitions().get(0).parameters();
        assertThat(schema.at("/properties/value/type").asString()).isEqualTo("number");
        assertThat(schema.at("/properties/from/type").asString()).isEqualTo("string");
        assertThat(schema.at("/required").toString()).isEqualTo("[\"value\",\"from\",\"to\"]");
    }
}
