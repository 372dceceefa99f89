/** Helpers shared by the tool packs; not API. */
package io.agent4j.tools.internal;
