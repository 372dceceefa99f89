package io.agent4j.tool.types;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.annotation.JsonValue;
import io.agent4j.tool.Param;
import io.agent4j.tool.Tool;
import io.agent4j.tool.ToolContext;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** One tool per row of supported parameter types; each reports what it received, with Java types. */
public class TypedTools {

    public enum Priority {
        @JsonProperty("low") LOW,
        @JsonProperty("high") HIGH
    }

    public enum Size {
        SMALL("s"), LARGE("l");

        private final String code;

        Size(String code) {
            this.code = code;
        }

        @JsonValue
        public String code() {
            return code;
        }
    }

    @JsonClassDescription("A point on a plane")
    public record Point(@JsonPropertyDescription("Horizontal position") double x, double y) {
    }

    public record Line(Point from, Point to) {
    }

    public record Box<T>(T content, String label) {
    }

    public record Folder(String name, List<Folder> children) {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(value = Circle.class, name = "circle"),
        @JsonSubTypes.Type(value = Square.class, name = "square")})
    public interface Shape {
    }

    public record Circle(double radius) implements Shape {
    }

    public record Square(double side) implements Shape {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    public sealed interface Payment permits Card, Transfer {
    }

    public record Card(String number) implements Payment {
    }

    public record Transfer(String iban) implements Payment {
    }

    /** Subtypes named by their simple name, or by {@code @JsonTypeName} where they carry one. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "method")
    public sealed interface Delivery permits Pickup, Courier {
    }

    @JsonTypeName("pickup")
    public record Pickup(String shop) implements Delivery {
    }

    public record Courier(String address, Optional<String> note) implements Delivery {
    }

    public record Settings(@JsonProperty(defaultValue = "10") int retries, Optional<String> proxy) {
    }

    @Tool("Primitives and their boxes")
    public String primitives(int i, long l, double d, boolean b, Integer boxed) {
        return i + "," + l + "," + d + "," + b + "," + boxed;
    }

    @Tool("Text")
    public String text(String s, char c) {
        return s + "|" + c;
    }

    @Tool("Exact numbers")
    public String exact(BigDecimal amount, BigInteger count) {
        return amount.toPlainString() + " " + count;
    }

    @Tool("Enums")
    public String enums(Priority priority, Size size) {
        return priority + " " + size;
    }

    @Tool("Records")
    public String records(Line line, Box<Point> box, Folder folder) {
        return line.to().x() + " " + box.content().getClass().getSimpleName() + " " + box.label() + " "
                + folder.children().get(0).children().get(0).name();
    }

    @Tool("Subtypes")
    public String subtypes(Shape shape, Payment payment) {
        return shape.getClass().getSimpleName() + " " + payment.getClass().getSimpleName();
    }

    @Tool("Sealed subtypes named by their simple names")
    public String deliveries(Delivery delivery) {
        return delivery instanceof Pickup pickup ? "pickup at " + pickup.shop()
                : "courier to " + ((Courier) delivery).address();
    }

    @Tool("Returns a sealed value")
    public Payment lastPayment() {
        return new Card("4111");
    }

    @Tool("Collections")
    public String collections(List<Point> points, Set<Priority> priorities, Collection<Size> sizes, Point[] array,
            Priority[] flags) {
        return points.get(0).getClass().getSimpleName() + " " + priorities.iterator().next().getClass().getSimpleName()
                + " " + sizes.iterator().next() + " " + array[1].y() + " " + flags.length;
    }

    @Tool("Maps")
    public String maps(Map<String, Integer> stock, Map<Priority, Point> places) {
        return stock.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","))
                + " " + places.get(Priority.HIGH).getClass().getSimpleName();
    }

    @Tool("Optional values")
    public String optionals(Optional<String> note, @Nullable Integer limit, Settings settings) {
        return note.orElse("none") + " " + limit + " " + settings.retries() + " " + settings.proxy().orElse("direct");
    }

    @Tool("Times")
    public String times(LocalDate date, LocalDateTime local, OffsetDateTime offset, Instant instant, Duration duration,
            ZoneId zone) {
        return date.plusDays(1) + " " + local.getHour() + " " + offset.getOffset() + " " + instant.getEpochSecond()
                + " " + duration.toMinutes() + " " + zone.getId();
    }

    @Tool("Identifiers")
    public String identifiers(UUID id, URI link) {
        return id.version() + " " + link.getHost();
    }

    @Tool("Context")
    public String context(@Param("Anything") String value, ToolContext context) {
        return value + " " + (context.toolCallId() == null ? "no-call" : context.toolCallId())
                + " " + (context.conversationId() != null);
    }

    /** A {@code @Nullable} of our own: any annotation of that simple name counts. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    public @interface Nullable {
    }
}
