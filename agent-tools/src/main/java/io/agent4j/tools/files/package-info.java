/**
 * Files for agents, confined to one root directory: {@link io.agent4j.tools.files.FileTools}
 * lists, reads and searches; {@link io.agent4j.tools.files.FileWriteTools} writes. The
 * {@code files} pack ({@link io.agent4j.tools.files.FilesPack}) offers the writer only with
 * {@code files.writable=true}. Paths outside the root — by {@code ..}, absolute, with backslashes
 * or NUL characters, or through symbolic links — are refused, and so are files that are not
 * regular (FIFOs, devices, sockets) or have more than one hard link.
 */
package io.agent4j.tools.files;
