/**
 * Read-only SQL tools ({@link io.agent4j.tools.sql.SqlTools}). Not a discoverable pack: a
 * database needs its URL, so register an instance yourself.
 */
package io.agent4j.tools.sql;
