/**
 * Tools: the {@link io.agent4j.tool.Tool} and {@link io.agent4j.tool.Param} annotations, the
 * {@link io.agent4j.tool.Toolbox} an agent may call, schema generation, argument binding and
 * invocation. Nothing here knows HTTP.
 */
package io.agent4j.tool;
