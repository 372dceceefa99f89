package io.agent4j.tool.internal;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/** The one Jackson mapper of the tool package: immutable and thread-safe. */
public final class Json {

    /**
     * Binds arguments strictly (unknown properties and nulls for primitives are errors) and keeps
     * decimals exact, so a {@code BigDecimal} parameter gets every digit the model wrote, and an
     * {@code OffsetDateTime} the offset the model wrote rather than UTC.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .addModule(MapEntries.module())
            .build();

    private Json() {
    }
}
