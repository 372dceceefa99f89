package io.agent4j.tool.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/** The one Jackson mapper of the tool package: immutable and thread-safe; and where agent4j's mappers are made. */
public final class Json {

    /**
     * Binds arguments strictly (unknown properties and nulls for primitives are errors) and keeps
     * decimals exact, so a {@code BigDecimal} parameter gets every digit the model wrote, and an
     * {@code OffsetDateTime} the offset the model wrote rather than UTC. A subtype without a name
     * of its own is named by its simple name ({@link SimpleTypeNames}).
     */
    public static final ObjectMapper MAPPER = builder()
            .annotationIntrospector(new SimpleTypeNames())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .addModule(MapEntries.module())
            .build();

    private Json() {
    }

    /**
     * A new mapper builder. Every mapper of agent4j is made through here, so that an application
     * whose jackson-annotations is too old for Jackson 3 (Spring Boot 3 manages 2.19) is told so,
     * and what to do, rather than only which class Jackson did not find.
     *
     * @throws NoClassDefFoundError when jackson-annotations is older than 2.21
     */
    public static JsonMapper.Builder builder() {
        requireAnnotations();
        return JsonMapper.builder();
    }

    private static void requireAnnotations() {
        ClassLoader loader = JsonProperty.class.getClassLoader();
        try {
            Class.forName("com.fasterxml.jackson.annotation.JsonSerializeAs", false, loader);
        } catch (ClassNotFoundException e) {
            String found = JsonProperty.class.getPackage().getImplementationVersion();
            NoClassDefFoundError error = new NoClassDefFoundError("com/fasterxml/jackson/annotation/JsonSerializeAs: "
                    + "agent4j's Jackson 3 needs com.fasterxml.jackson.core:jackson-annotations 2.21 or newer, but the "
                    + "class path has " + (found == null ? "an older one" : found) + " (Spring Boot 3 manages 2.19). "
                    + "Import io.agent4j:agent4j-bom in <dependencyManagement>, which manages 2.21; with "
                    + "spring-boot-starter-parent nothing else is needed (see agent4j's docs/spring.md).");
            error.initCause(e);
            throw error;
        }
    }
}
