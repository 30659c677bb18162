package io.synergy.method.results;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The facts of an {@link IndicatorTable}, compact: per code and org unit one block of primitive figures by year, found by
 * dense indices (the code's, the unit's) instead of one object per fact in nested maps. A city of 5,000 enterprises × 30
 * codes × 10 years is 1.5 M facts; as {@link Fact} records with their boxed numbers and strings in hash maps they took
 * ~200 bytes each — more than the aggregation's heap — and here a fact takes 1 to 3 doubles and 3 bits of flags.
 *
 * <p>Immutable: {@link #with} returns the columns with some facts changed, sharing every block, chunk and column it did
 * not touch, so a change of one enterprise copies a few hundred bytes and a reader of the previous columns is never
 * disturbed. Units are indexed in a dictionary shared by every version (append-only, concurrent): an index a version
 * does not reach is a unit with no fact in it.
 *
 * <p>What a block keeps per year depends on what the table reads of the code's facts ({@link Kind}): a data element's
 * value; a summed indicator's value and numerator; a ratio's value, numerator and denominator. Every fact also keeps
 * whether it exists (a fact without a value still makes its year a year with data), has a value, and is complete.
 */
final class FactColumns {

    /** What the table reads of a code's facts. */
    enum Kind {
        /** A published data element: its value. */
        VALUE(1),
        /** A sector indicator rolled up by summing: its value (present or not) and numerator. */
        TOTAL(2),
        /** A sector indicator rolled up as Σ numerators ÷ Σ denominators: value, numerator and denominator. */
        RATIO(3);

        final int width;

        Kind(int width) {
            this.width = width;
        }
    }

    private static final int CHUNK_BITS = 8;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int EXISTS = 1;
    private static final int PRESENT = 2;
    private static final int COMPLETE = 4;

    /** Years whose 3 flag bits share one long of a block. */
    private static final int FLAGS_PER_WORD = 21;

    /*
     * A block — one code's figures for one unit, by year from the columns' origin, never changed once published — is one
     * long[]: the numbers of each year (kind.width doubles as their bits) and then the years' flags, 3 bits each. Two
     * arrays and a record per block cost 40 bytes more each, 6 MB of the aggregation's old generation at city scale
     * (150,000 blocks of 5,000 enterprises × 30 codes).
     */

    private static int blockLength(int years, int width) {
        return years * width + (years + FLAGS_PER_WORD - 1) / FLAGS_PER_WORD;
    }

    private static int flagsOf(long[] block, int years, int width, int y) {
        return (int) (block[years * width + y / FLAGS_PER_WORD] >>> (y % FLAGS_PER_WORD * 3)) & 7;
    }

    private static void setFlags(long[] block, int years, int width, int y, int flags) {
        int word = years * width + y / FLAGS_PER_WORD;
        int shift = y % FLAGS_PER_WORD * 3;
        block[word] = block[word] & ~(7L << shift) | (long) flags << shift;
    }

    /** The units' dense indices, shared by every version of the columns: only ever added to. */
    private static final class Units {
        private final Map<String, Integer> index = new ConcurrentHashMap<>();

        Integer find(String unit) {
            return index.get(unit);
        }

        /** Called by the one thread that makes a new version. */
        int add(String unit) {
            Integer i = index.get(unit);
            if (i == null) {
                i = index.size();
                index.put(unit, i);
            }
            return i;
        }
    }

    private final Function<String, Kind> kinds;
    private final Units units;
    private final Map<String, Integer> codes; // code → column; a new code copies it
    private final Kind[] kindOf;
    private final long[][][][] columns; // column → chunk → unit within the chunk → block
    private final int origin; // the year of index 0
    private final int[] perYear; // facts by year index

    private FactColumns(
            Function<String, Kind> kinds,
            Units units,
            Map<String, Integer> codes,
            Kind[] kindOf,
            long[][][][] columns,
            int origin,
            int[] perYear) {
        this.kinds = kinds;
        this.units = units;
        this.codes = codes;
        this.kindOf = kindOf;
        this.columns = columns;
        this.origin = origin;
        this.perYear = perYear;
    }

    /** The columns of {@code facts} (one per code, unit and year: a later one replaces an earlier one of the same key). */
    static FactColumns of(Collection<Fact> facts, Function<String, Kind> kinds) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (Fact f : facts) {
            min = Math.min(min, f.year());
            max = Math.max(max, f.year());
        }
        FactColumns empty = min > max
                ? new FactColumns(kinds, new Units(), Map.of(), new Kind[0], new long[0][][][], 0, new int[0])
                : new FactColumns(
                        kinds, new Units(), Map.of(), new Kind[0], new long[0][][][], min, new int[max - min + 1]);
        return empty.with(facts);
    }

    /** Years with at least one fact (with or without a value, of any unit), ascending. */
    SortedSet<Integer> years() {
        SortedSet<Integer> years = new TreeSet<>();
        for (int k = 0; k < perYear.length; k++) {
            if (perYear[k] > 0) {
                years.add(origin + k);
            }
        }
        return Collections.unmodifiableSortedSet(years);
    }

    /** The fact of {@code code}, {@code unit} and {@code year}, or {@code null}; what its kind does not keep is null. */
    Fact get(String code, String unit, int year) {
        double[] numbers = new double[3];
        int flags = read(code, unit, year, numbers);
        if (flags == ABSENT) {
            return null;
        }
        Kind kind = kindOf[codes.get(code)];
        Double value = (flags & PRESENT) == 0 ? null : numbers[0];
        Double numerator = kind.width > 1 ? box(numbers[1]) : null;
        Double denominator = kind.width > 2 ? box(numbers[2]) : null;
        return new Fact(code, unit, year, value, numerator, denominator, (flags & COMPLETE) != 0);
    }

    /** {@link #read}'s answer for a key without a fact. */
    static final int ABSENT = 0;

    /** {@link #read}'s flag: the fact has a value. */
    static final int HAS_VALUE = PRESENT;

    /** {@link #read}'s flag: the fact covers its whole year. */
    static final int WHOLE_YEAR = COMPLETE;

    /**
     * The fact of {@code code}, {@code unit} and {@code year} as {@link #get} finds it, without an object: its value,
     * numerator and denominator into {@code into[0..2]} (NaN for what it does not have) and its flags returned —
     * {@link #ABSENT} when there is no fact, else non-zero, with {@link #HAS_VALUE} and {@link #WHOLE_YEAR} as they hold.
     * An enterprise's own figures are read this way; a park's or district's sum of its enterprises by indices
     * ({@link #read(int, int, int, double[])}).
     */
    int read(String code, String unit, int year, double[] into) {
        Integer c = codes.get(code);
        Integer u = units.find(unit);
        return c == null || u == null ? ABSENT : read(c, u, year, into);
    }

    /** A column's index for {@link #read(int, int, int, double[])}: {@code -1} when no unit has a fact of {@code code}. */
    int column(String code) {
        Integer c = codes.get(code);
        return c == null ? -1 : c;
    }

    /**
     * A unit's index for {@link #read(int, int, int, double[])}, valid in every version (indices are only ever added):
     * {@code -1} when no version so far has a fact of {@code unit}.
     */
    int unit(String unit) {
        Integer u = units.find(unit);
        return u == null ? -1 : u;
    }

    /**
     * {@link #read(String, String, int, double[])} by the indices {@link #column} and {@link #unit} gave: a district's figure
     * adds up its 500 enterprises' facts of one code and year at city scale, and two hash lookups of strings per
     * enterprise were most of a recompute pass's time under a stream of reports (issue 19, the city's scale).
     */
    int read(int column, int unit, int year, double[] into) {
        int y = year - origin;
        if (column < 0 || unit < 0 || y < 0 || y >= perYear.length) {
            return ABSENT;
        }
        long[][][] chunks = columns[column];
        int chunk = unit >>> CHUNK_BITS;
        if (chunk >= chunks.length || chunks[chunk] == null) {
            return ABSENT;
        }
        long[] b = chunks[chunk][unit & (CHUNK - 1)];
        if (b == null) {
            return ABSENT;
        }
        Kind kind = kindOf[column];
        int flags = flagsOf(b, perYear.length, kind.width, y);
        if ((flags & EXISTS) == 0) {
            return ABSENT;
        }
        int at = y * kind.width;
        into[0] = (flags & PRESENT) == 0 ? Double.NaN : Double.longBitsToDouble(b[at]);
        into[1] = kind.width > 1 ? Double.longBitsToDouble(b[at + 1]) : Double.NaN;
        into[2] = kind.width > 2 ? Double.longBitsToDouble(b[at + 2]) : Double.NaN;
        return flags;
    }

    /**
     * These columns with {@code changed} written over them (a fact of a key already held replaces it); the unchanged
     * blocks, chunks and columns are shared with this version, which stays as it was.
     */
    FactColumns with(Collection<Fact> changed) {
        if (changed.isEmpty()) {
            return this;
        }
        int min = perYear.length == 0 ? Integer.MAX_VALUE : origin;
        int max = perYear.length == 0 ? Integer.MIN_VALUE : origin + perYear.length - 1;
        for (Fact f : changed) {
            min = Math.min(min, f.year());
            max = Math.max(max, f.year());
        }
        // a year outside the span (rare: a new year of reports) lays every block out anew
        FactColumns base = perYear.length > 0 && min == origin && max == origin + perYear.length - 1
                ? this
                : relaid(min, max - min + 1);
        return base.write(changed);
    }

    private FactColumns write(Collection<Fact> changed) {
        Map<String, Integer> codes = this.codes;
        Kind[] kindOf = this.kindOf;
        long[][][][] columns = this.columns.clone();
        int years = this.perYear.length;
        int[] perYear = this.perYear.clone();
        // what this version already copied: written in place from then on
        Set<Object> fresh = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Fact f : changed) {
            Integer c = codes.get(f.code());
            if (c == null) {
                codes = new HashMap<>(codes);
                c = codes.size();
                codes.put(f.code(), c);
                kindOf = Arrays.copyOf(kindOf, c + 1);
                kindOf[c] = kinds.apply(f.code());
                columns = Arrays.copyOf(columns, c + 1);
                columns[c] = new long[0][][];
                fresh.add(columns[c]);
            }
            int u = units.add(f.orgUnit());
            int chunk = u >>> CHUNK_BITS;
            long[][][] chunks = columns[c];
            if (!fresh.contains(chunks)) {
                chunks = chunks.clone();
                fresh.add(chunks);
            }
            if (chunk >= chunks.length) {
                chunks = Arrays.copyOf(chunks, chunk + 1);
                fresh.add(chunks);
            }
            columns[c] = chunks;
            long[][] slots = chunks[chunk];
            if (slots == null || !fresh.contains(slots)) {
                slots = slots == null ? new long[CHUNK][] : slots.clone();
                fresh.add(slots);
                chunks[chunk] = slots;
            }
            Kind kind = kindOf[c];
            long[] b = slots[u & (CHUNK - 1)];
            if (b == null || !fresh.contains(b)) {
                b = b == null ? new long[blockLength(years, kind.width)] : b.clone();
                fresh.add(b);
                slots[u & (CHUNK - 1)] = b;
            }
            int y = f.year() - origin;
            if ((flagsOf(b, years, kind.width, y) & EXISTS) == 0) {
                perYear[y]++;
            }
            int at = y * kind.width;
            b[at] = Double.doubleToRawLongBits(f.value() == null ? 0 : f.value());
            if (kind.width > 1) {
                b[at + 1] = Double.doubleToRawLongBits(unbox(f.numerator()));
            }
            if (kind.width > 2) {
                b[at + 2] = Double.doubleToRawLongBits(unbox(f.denominator()));
            }
            setFlags(
                    b,
                    years,
                    kind.width,
                    y,
                    EXISTS | (f.value() == null ? 0 : PRESENT) | (f.complete() ? COMPLETE : 0));
        }
        return new FactColumns(kinds, units, codes, kindOf, columns, origin, perYear);
    }

    /** Every block copied into the span of {@code years} years from {@code origin}, which holds every fact's year. */
    private FactColumns relaid(int origin, int years) {
        int shift = this.origin - origin;
        int before = this.perYear.length;
        long[][][][] columns = new long[this.columns.length][][][];
        for (int c = 0; c < columns.length; c++) {
            int width = kindOf[c].width;
            long[][][] chunks = this.columns[c].clone();
            for (int k = 0; k < chunks.length; k++) {
                if (chunks[k] == null) {
                    continue;
                }
                long[][] slots = chunks[k].clone();
                for (int s = 0; s < slots.length; s++) {
                    long[] b = slots[s];
                    if (b != null) {
                        long[] wide = new long[blockLength(years, width)];
                        System.arraycopy(b, 0, wide, shift * width, before * width);
                        for (int y = 0; y < before; y++) {
                            setFlags(wide, years, width, y + shift, flagsOf(b, before, width, y));
                        }
                        slots[s] = wide;
                    }
                }
                chunks[k] = slots;
            }
            columns[c] = chunks;
        }
        int[] perYear = new int[years];
        if (this.perYear.length > 0) { // columns without a fact have no origin to shift from
            System.arraycopy(this.perYear, 0, perYear, shift, this.perYear.length);
        }
        return new FactColumns(kinds, units, codes, kindOf, columns, origin, perYear);
    }

    private static Double box(double d) {
        return Double.isNaN(d) ? null : d;
    }

    /** A missing number as NaN: every number of a fact is finite (the consumer refuses any other). */
    private static double unbox(Double d) {
        return d == null ? Double.NaN : d;
    }
}
