/**
 * The OpenAI Chat Completions client: {@link io.agent4j.openai.OpenAiChatModel}, which also talks to
 * OpenAI-compatible servers (Ollama, vLLM, llama.cpp, LM Studio, Groq, Azure OpenAI).
 */
package io.agent4j.openai;
