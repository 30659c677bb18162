package io.synergy.registry.targets;

import io.synergy.model.target.Allocation;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;
import java.time.LocalDate;

/** One row of {@code target_allocation}: an {@link Allocation} as the entity holds it. */
@Embeddable
public class AllocationColumns {

    @Column(name = "effective_from")
    public LocalDate effectiveFrom;

    public double value;

    @Column(name = "target_year")
    public int targetYear;

    public String document;

    @Column(name = "set_by")
    public String setBy;

    @Column(name = "set_at")
    public Instant setAt;

    static AllocationColumns of(Allocation a) {
        AllocationColumns c = new AllocationColumns();
        c.effectiveFrom = a.effectiveFrom();
        c.value = a.value();
        c.targetYear = a.targetYear();
        c.document = a.document();
        c.setBy = a.setBy();
        c.setAt = a.setAt();
        return c;
    }

    Allocation toAllocation() {
        return new Allocation(effectiveFrom, value, targetYear, document, setBy, setAt);
    }
}
