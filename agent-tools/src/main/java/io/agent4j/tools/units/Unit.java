package io.agent4j.tools.units;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The known units, each defined exactly against its kind's base unit (metre, kilogram, kelvin,
 * litre): {@code base = (value + offset) * numerator / denominator}. Only temperatures have an
 * offset; the US customary volumes are the US liquid measures. Aliases are separated by spaces.
 */
enum Unit {
    M(Kind.LENGTH, "m", "1", "meter meters metre metres"),
    KM(Kind.LENGTH, "km", "1000", "kilometer kilometers kilometre kilometres"),
    CM(Kind.LENGTH, "cm", "0.01", "centimeter centimeters centimetre centimetres"),
    MM(Kind.LENGTH, "mm", "0.001", "millimeter millimeters millimetre millimetres"),
    MI(Kind.LENGTH, "mi", "1609.344", "mile miles"),
    YD(Kind.LENGTH, "yd", "0.9144", "yard yards"),
    FT(Kind.LENGTH, "ft", "0.3048", "foot feet"),
    IN(Kind.LENGTH, "in", "0.0254", "inch inches"),

    KG(Kind.MASS, "kg", "1", "kilogram kilograms kilo kilos"),
    G(Kind.MASS, "g", "0.001", "gram grams"),
    MG(Kind.MASS, "mg", "0.000001", "milligram milligrams"),
    LB(Kind.MASS, "lb", "0.45359237", "lbs pound pounds"),
    OZ(Kind.MASS, "oz", "0.028349523125", "ounce ounces"),

    C(Kind.TEMPERATURE, "C", "273.15", "1", "1", "°C celsius degC"),
    F(Kind.TEMPERATURE, "F", "459.67", "5", "9", "°F fahrenheit degF"),
    K(Kind.TEMPERATURE, "K", "0", "1", "1", "kelvin kelvins"),

    L(Kind.VOLUME, "l", "1", "liter liters litre litres"),
    ML(Kind.VOLUME, "ml", "0.001", "milliliter milliliters millilitre millilitres"),
    GAL(Kind.VOLUME, "gal", "3.785411784", "gallon gallons"),
    QT(Kind.VOLUME, "qt", "0.946352946", "quart quarts"),
    CUP(Kind.VOLUME, "cup", "0.2365882365", "cups");

    private static final Map<String, Unit> BY_NAME = byName();

    private final Kind kind;
    private final String symbol;
    private final BigDecimal offset;
    private final BigDecimal numerator;
    private final BigDecimal denominator;
    private final List<String> aliases;

    Unit(Kind kind, String symbol, String factor, String aliases) {
        this(kind, symbol, "0", factor, "1", aliases);
    }

    Unit(Kind kind, String symbol, String offset, String numerator, String denominator, String aliases) {
        this.kind = kind;
        this.symbol = symbol;
        this.offset = new BigDecimal(offset);
        this.numerator = new BigDecimal(numerator);
        this.denominator = new BigDecimal(denominator);
        this.aliases = List.of(aliases.split(" "));
    }

    private static Map<String, Unit> byName() {
        Map<String, Unit> map = new LinkedHashMap<>();
        for (Unit unit : values()) {
            map.put(key(unit.symbol), unit);
            unit.aliases.forEach(alias -> map.put(key(alias), unit));
        }
        return map;
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    /** The unit with this symbol or name, ignoring case, such as {@code kg}, {@code lbs} or {@code °F}. */
    static Optional<Unit> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(key(name)));
    }

    /** Every known unit by kind, e.g. {@code length m, km, ...; mass kg, ...}. */
    static String catalogue() {
        return Arrays.stream(Kind.values())
                .map(kind -> kind.label() + " " + Arrays.stream(values()).filter(u -> u.kind == kind)
                        .map(Unit::symbol).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
    }

    Kind kind() {
        return kind;
    }

    String symbol() {
        return symbol;
    }

    BigDecimal offset() {
        return offset;
    }

    BigDecimal numerator() {
        return numerator;
    }

    BigDecimal denominator() {
        return denominator;
    }
}
