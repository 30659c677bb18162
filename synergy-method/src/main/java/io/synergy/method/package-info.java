/**
 * The platform's synergy method, exactly as specified in docs/method.md.
 *
 * <ul>
 *   <li>{@link io.synergy.method.attainment.AttainmentCalculator}: target attainment (docs/method.md §2);</li>
 *   <li>{@link io.synergy.method.synergy.SynergyCalculator}: normalisation, entropy weights, coupling
 *       and coupling coordination degree, the synergy degree 协同度 (docs/method.md §3);</li>
 *   <li>{@link io.synergy.method.effects.CoReductionCalculator}: co-reduction effect of a pollutant and CO2
 *       (docs/method.md §4).</li>
 * </ul>
 *
 * <p>Plain Java: no framework types, no I/O, no logging. Inputs and outputs are immutable records.
 */
package io.synergy.method;
