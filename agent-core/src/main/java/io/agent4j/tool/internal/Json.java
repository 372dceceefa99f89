package io.agent4j.tool.internal;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The one Jackson mapper of the tool package: immutable and thread-safe. */
public final class Json {

    /** Binds arguments strictly: unknown properties and nulls for primitives are errors. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addModule(MapEntries.module())
            .build();

    private Json() {
    }
}
