/**
 * Dates and times for agents: {@link io.agent4j.tools.time.TimeTools} tells the current time in a
 * zone, counts between dates, adds ISO-8601 periods and converts between zones; the {@code time}
 * pack ({@link io.agent4j.tools.time.TimePack}) offers it.
 */
package io.agent4j.tools.time;
