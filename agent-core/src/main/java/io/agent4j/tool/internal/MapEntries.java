package io.agent4j.tool.internal;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.type.MapType;

/**
 * Lets every {@code Map} also be read from an array of {@code {"key": ..., "value": ...}} entries,
 * the shape strict-mode schemas use for maps (strict mode allows no open objects). A key in two
 * entries is an error, as no value may be dropped for the other.
 */
final class MapEntries {

    private MapEntries() {
    }

    static SimpleModule module() {
        return new SimpleModule("agent4j-map-entries").setDeserializerModifier(new ValueDeserializerModifier() {
            @Override
            public ValueDeserializer<?> modifyMapDeserializer(DeserializationConfig config, MapType type,
                    BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
                return new EntriesDeserializer(deserializer);
            }
        });
    }

    private static final class EntriesDeserializer extends DelegatingDeserializer {

        EntriesDeserializer(ValueDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new EntriesDeserializer(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.START_ARRAY)) {
                return super.deserialize(parser, context);
            }
            JsonNode entries = context.readTree(parser);
            ObjectNode object = context.getNodeFactory().objectNode();
            for (JsonNode entry : entries) {
                JsonNode key = entry.get("key");
                if (!entry.isObject() || key == null || key.isNull()) {
                    return context.reportInputMismatch(this, "map entries must be objects with \"key\" and "
                            + "\"value\", got %s", entry);
                }
                String name = key.isString() ? key.stringValue() : key.toString();
                if (object.has(name)) {
                    return context.reportInputMismatch(this, "the key %s is in two entries of the map; give each key "
                            + "once", key);
                }
                object.set(name, entry.has("value") ? entry.get("value") : context.getNodeFactory().nullNode());
            }
            JsonParser objectParser = object.traverse(context);
            objectParser.nextToken();
            return _delegatee.deserialize(objectParser, context);
        }
    }
}
