/**
 * The provider-neutral chat model: messages of the four roles, tool calls, requests, responses and
 * usage. Nothing here knows HTTP or any provider.
 */
package io.agent4j.chat;
