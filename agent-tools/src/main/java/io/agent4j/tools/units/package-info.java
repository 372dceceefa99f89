/**
 * Unit conversion for agents: {@link io.agent4j.tools.units.UnitConverter} converts length, mass,
 * temperature and volume with exact decimal factors.
 */
package io.agent4j.tools.units;
