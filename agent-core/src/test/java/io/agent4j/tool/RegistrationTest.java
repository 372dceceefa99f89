package io.agent4j.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.errors.ToolRegistrationException;
import io.agent4j.tool.internal.ToolMethod;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signatures that cannot be tools fail when registered, naming the class, method and parameter. */
class RegistrationTest {

    public static class ObjectParameter {
        @Tool("Takes anything")
        public String anything(Object value) {
            return "";
        }
    }

    public static class IntegerKeys {
        @Tool("Counts by number")
        public int byNumber(Map<Integer, String> names) {
            return 0;
        }
    }

    public static class RawMap {
        @Tool("Raw")
        @SuppressWarnings("rawtypes")
        public int raw(Map values) {
            return 0;
        }
    }

    public sealed interface Animal permits Cat, Dog {
    }

    public record Cat(String name) implements Animal {
    }

    public record Dog(String name) implements Animal {
    }

    public static class UntypedSealed {
        @Tool("Pets an animal")
        public String pet(Animal animal) {
            return "";
        }
    }

    @com.fasterxml.jackson.annotation.JsonTypeInfo(use = com.fasterxml.jackson.annotation.JsonTypeInfo.Id.NAME,
            property = "type")
    public sealed interface Drawing permits Circles.Circle, Icons.Circle {
    }

    public static class Circles {
        public record Circle(double radius) implements Drawing {
        }
    }

    public static class Icons {
        public record Circle(String glyph) implements Drawing {
        }
    }

    public static class Drawer {
        @Tool("Draws something")
        public String draw(Drawing drawing) {
            return "";
        }
    }

    @com.fasterxml.jackson.annotation.JsonTypeInfo(use = com.fasterxml.jackson.annotation.JsonTypeInfo.Id.NAME,
            include = com.fasterxml.jackson.annotation.JsonTypeInfo.As.WRAPPER_OBJECT)
    public sealed interface Wrapped permits WrappedText {
    }

    public record WrappedText(String text) implements Wrapped {
    }

    @com.fasterxml.jackson.annotation.JsonTypeInfo(use = com.fasterxml.jackson.annotation.JsonTypeInfo.Id.SIMPLE_NAME,
            property = "type")
    public sealed interface SimplyNamed permits SimpleText {
    }

    public record SimpleText(String text) implements SimplyNamed {
    }

    public static class OtherTypeInfo {
        @Tool("Takes a wrapped value")
        public String wrapped(Wrapped value) {
            return "";
        }

        @Tool("Takes a simply named value")
        public String simplyNamed(SimplyNamed value) {
            return "";
        }
    }

    public static class Overloaded {
        @Tool("Adds ints")
        public int add(int a, int b) {
            return a + b;
        }

        @Tool("Adds doubles")
        public double add(double a, double b) {
            return a + b;
        }
    }

    public record L11(String leaf) {
    }

    public record L10(L11 next) {
    }

    public record L9(L10 next) {
    }

    public record L8(L9 next) {
    }

    public record L7(L8 next) {
    }

    public record L6(L7 next) {
    }

    public record L5(L6 next) {
    }

    public record L4(L5 next) {
    }

    public record L3(L4 next) {
    }

    public record L2(L3 next) {
    }

    public static class TooDeep {
        @Tool("Deep")
        public String deep(L2 root) {
            return "";
        }

        @Tool(value = "Deep but lenient", strict = false)
        public String deepLenient(L2 root) {
            return "";
        }
    }

    public static class NoConstructor {
        private NoConstructor(String unused) {
        }

        @Tool("Needs an instance")
        public String hello() {
            return "hi";
        }
    }

    public static class Blank {
        @Tool(" ")
        public void nothing() {
        }
    }

    @Test
    void objectParameterIsRefusedNamingClassMethodAndParameter() {
        assertThatThrownBy(() -> Toolbox.of(new ObjectParameter()))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessageContaining("RegistrationTest$ObjectParameter.anything(Object)")
                .hasMessageContaining("parameter 'value'")
                .hasMessageContaining("Object has no schema");
    }

    @Test
    void mapWithNonStringKeysIsRefused() {
        assertThatThrownBy(() -> Toolbox.of(new IntegerKeys()))
                .hasMessageContaining("byNumber(Map)").hasMessageContaining("parameter 'names'")
                .hasMessageContaining("Integer keys");
    }

    @Test
    void rawMapIsRefused() {
        assertThatThrownBy(() -> Toolbox.of(new RawMap())).hasMessageContaining("parameter 'values'")
                .hasMessageContaining("declare the value type");
    }

    @Test
    void sealedTypeWithoutTypeInfoIsRefusedWithTheFix() {
        assertThatThrownBy(() -> Toolbox.of(new UntypedSealed())).hasMessageContaining("parameter 'animal'")
                .hasMessageContaining("@JsonTypeInfo").hasMessageContaining("[Cat, Dog]");
    }

    @Test
    void twoSubtypesOfOneSimpleNameAreRefusedWithTheFix() {
        assertThatThrownBy(() -> Toolbox.of(new Drawer())).isInstanceOf(ToolRegistrationException.class)
                .hasMessageContaining("parameter 'drawing'")
                .hasMessageContaining(Circles.Circle.class.getName()).hasMessageContaining(Icons.Circle.class.getName())
                .hasMessageContaining("both named 'Circle'").hasMessageContaining("@JsonTypeName");
    }

    @Test
    void aTypeInfoThatTheSchemaCannotTellTheModelIsRefusedWithTheFix() throws Exception {
        for (String tool : List.of("wrapped", "simplyNamed")) {
            Method method = Arrays.stream(OtherTypeInfo.class.getMethods()).filter(m -> m.getName().equals(tool))
                    .findFirst().orElseThrow();
            assertThatThrownBy(() -> ToolMethod.of(new OtherTypeInfo(), method)).as(tool)
                    .isInstanceOf(ToolRegistrationException.class)
                    .hasMessageContaining("parameter 'value'")
                    .hasMessageContaining(tool.equals("wrapped") ? "include = WRAPPER_OBJECT" : "use = SIMPLE_NAME")
                    .hasMessageContaining("@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = \"type\")");
        }
    }

    @Test
    void overloadedToolsAreRefusedNamingBoth() {
        assertThatThrownBy(() -> Toolbox.of(new Overloaded())).hasMessageContaining("'add' is used twice")
                .hasMessageContaining("add(int, int)").hasMessageContaining("add(double, double)");
    }

    @Test
    void strictModeLimitsAreCheckedAtRegistrationNamingTheTool() {
        assertThatThrownBy(() -> Toolbox.of(new TooDeep()))
                .hasMessageContaining("Tool 'deep' has 11 levels of nesting")
                .hasMessageContaining("allows at most 10")
                .hasMessageContaining("strict = false");
    }

    @Test
    void classWithoutPublicNoArgConstructorIsRefusedWhenScannedOrGivenAsClass() {
        assertThatThrownBy(() -> Toolbox.of(NoConstructor.class))
                .hasMessageContaining("no public no-argument constructor")
                .hasMessageContaining("Toolbox.of(...)");
    }

    @Test
    void blankDescriptionIsRefused() {
        assertThatThrownBy(() -> Toolbox.of(new Blank())).hasMessageContaining("needs a description");
    }

    @Test
    void schemasAreGeneratedOncePerMethod() throws Exception {
        Method method = io.agent4j.testing.TravelTools.class.getMethod("weather", String.class,
                io.agent4j.testing.TravelTools.Unit.class);
        ToolMethod first = ToolMethod.of(new io.agent4j.testing.TravelTools(), method);
        ToolMethod second = ToolMethod.of(new io.agent4j.testing.TravelTools(), method);
        assertThat(second.definition()).isSameAs(first.definition());
    }
}
