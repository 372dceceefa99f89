package io.agent4j.chat;

/**
 * How a model server is asked for an answer that matches a JSON schema, for a typed answer
 * ({@code agent.run(prompt, Invoice.class)}). Whatever the way, agent4j checks the answer against
 * the schema itself and asks the model to repair it when it does not match.
 */
public enum StructuredOutput {

    /**
     * {@code response_format: {"type": "json_schema", ...}}: the server holds the model to the
     * schema (OpenAI, recent vLLM, llama.cpp with grammars, Ollama 0.5 and newer). The default.
     */
    JSON_SCHEMA,

    /**
     * {@code response_format: {"type": "json_object"}} with the schema in the instructions: the
     * server guarantees JSON, not its shape (older Ollama and vLLM builds).
     */
    JSON_OBJECT,

    /**
     * No {@code response_format} at all, only the schema in the instructions: for servers that
     * reject the field.
     */
    INSTRUCTIONS
}
