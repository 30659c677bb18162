/**
 * The platform's synergy method, exactly as specified in {@code shared/spec/SYNERGY-METHOD.md}.
 *
 * <ul>
 *   <li>{@link io.synergy.method.attainment.AttainmentCalculator}: target attainment (spec §6);</li>
 *   <li>{@link io.synergy.method.synergy.SynergyCalculator}: normalisation, entropy weights, coupling
 *       and coupling coordination degree, the synergy degree 协同度 (spec §1–§4);</li>
 *   <li>{@link io.synergy.method.effects.CoReductionCalculator}: co-reduction effect of a pollutant and CO2
 *       (spec §5).</li>
 * </ul>
 *
 * <p>Plain Java: no framework types, no I/O, no logging. Inputs and outputs are immutable records.
 */
package io.synergy.method;
