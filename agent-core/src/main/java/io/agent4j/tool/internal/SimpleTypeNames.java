package io.agent4j.tool.internal;

import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.AnnotatedClass;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;

/**
 * Jackson's annotations, except that a subtype without {@code @JsonTypeName} is named by its simple
 * name ({@code Circle}) instead of its class name without the package ({@code Shapes$Circle}), as
 * the schema tells the model ({@link DiscriminatorNames}).
 */
final class SimpleTypeNames extends JacksonAnnotationIntrospector {

    private static final long serialVersionUID = 1L;

    @Override
    public String findTypeName(MapperConfig<?> config, AnnotatedClass type) {
        String name = super.findTypeName(config, type);
        if (name != null) {
            return name;
        }
        String simple = type.getRawType().getSimpleName();
        return simple.isEmpty() ? null : simple;
    }
}
