/**
 * The integrated emission inventory (大气污染物与温室气体融合排放清单, clause 二十二 of the plan), as pure Java.
 *
 * <ul>
 *   <li>{@link io.synergy.method.inventory.FactorLibrary}: one version of the emission-factor library (net calorific
 *       values and factors with their units, sources, valid years and example flags);
 *       {@link io.synergy.method.inventory.FactorLibraryValidator} checks a new version against the catalogue;</li>
 *   <li>{@link io.synergy.method.inventory.InventoryCalculator}: an org unit's year, per sector and gas — calculated
 *       (activity × net calorific value × factor, or activity × factor) next to reported, their difference, energy in
 *       TJ by fuel, totals and the CO2 equivalent;</li>
 *   <li>{@link io.synergy.method.inventory.InventoryInputs}: where the annual totals come from (the aggregation's
 *       {@code IndicatorTable}, which rolls facts up the org-unit hierarchy).</li>
 * </ul>
 *
 * <p>No framework types, no I/O; see {@code docs/inventory.md} for the formulas and the hand-worked example.
 */
package io.synergy.method.inventory;
