/**
 * HTTP for agents: {@link io.agent4j.tools.http.HttpTools} fetches public URLs as text with a size
 * cap and a timeout, refusing loopback, link-local, private and other internal addresses (checked
 * on every resolved address, every redirect and every socket) unless a host is allow-listed. The
 * {@code http} pack ({@link io.agent4j.tools.http.HttpPack}) offers it.
 */
package io.agent4j.tools.http;
