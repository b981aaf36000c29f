package io.parley.model;

import java.math.BigDecimal;

/**
 * The decimal that Java 17's {@link Double#toString} writes for a double, worked out in exact integer
 * arithmetic without it, or {@link #DECLINED} where that decimal is not certain; callers then ask the JDK.
 * For streams of millions of numbers, where the JDK's digit generation was a third of the CPU.
 *
 * <p>The answer is packed in one {@code long} so that nothing is allocated: {@link #unscaled} digits (no
 * trailing zeros) and a {@link #scale}, the value being {@code unscaled × 10^-scale} as in BigDecimal.
 *
 * <h2>Why the answer is the JDK's</h2>
 * Java 17 specifies {@code Double.toString} as the fewest digits that distinguish the double from its
 * neighbours, i.e. a shortest decimal that rounds back to it; which shortest decimal, when several are, it
 * does not say (JDK-4511638; Java 19 changed that choice). So this class answers where exactly one
 * shortest decimal exists, and from 1 up where several do, with the one Java 17's algorithm takes (item 4);
 * it declines everything else:
 * <ol>
 * <li>{@code v} is finite, not whole, {@value #SMALLEST} ≤ |v| < 10^15, and not a power of two. Not whole and
 *     below 10^15: the writer handles whole numbers itself, and Java 17 is known to print some large whole
 *     doubles with more digits than needed. A power of two has a rounding interval narrower below than above,
 *     and Java 17 is known to print some with a digit more than needed (2^-31 as 4.6566128730773926E-10).
 *     Normal, so {@code v = m × 2^q} with {@code 2^52 ≤ m < 2^53}, and the decimals that round to {@code v}
 *     are those in {@code [v - 2^(q-1), v + 2^(q-1)]}, an interval ulp(v) = 2^q ≤ 2^-52·v wide.</li>
 * <li>With {@code 10^d ≤ v < 10^(d+1)} (found exactly, against the smallest double at or above each power),
 *     every decimal of at most n significant digits in that interval is a multiple of {@code 10^(d+1-n)}:
 *     those at or above 10^d are; one below 10^d would put 10^d itself strictly inside the interval, and
 *     10^d is such a multiple. So counting multiples of {@code 10^(d+1-n)} in the interval, for n = 15, 16
 *     and 17 in turn, finds the shortest length and how many decimals have it. The count is exact: the
 *     interval's ends times {@code 10^(16-d) · 2^s} are the integers {@code (2m ∓ 1) · 5^(16-d)}, under
 *     2^118, worked in two longs.</li>
 * <li>At 15 digits there is at most one: two such decimals are at least {@code 10^(d-14) > 10^-15·v} apart,
 *     more than 4 ulps. No decimal of 17 digits or fewer is on the interval's ends: an end is an odd multiple
 *     of {@code 2^(q-1)}, whose decimal has exactly {@code 1-q} digits after the point, so at least
 *     {@code 1 - q + floor(log10 v) ≥ 52 - 0.7·e} significant ones with {@code 2^e ≤ v < 2^50}, i.e. 18 or
 *     more (an end found exactly is still declined, as a guard).</li>
 * <li>Two or more decimals of the shortest length (at 16 and 17 digits; Java 17's specification leaves the
 *     choice open) are answered from 1 up with the one nearest {@code v}, and declined below 1 and when
 *     {@code v} is halfway between the two nearest. That is what Java 17's {@code FloatingDecimal.dtoa}
 *     does (read in its source): it generates {@code v}'s digits and stops at the first length where the
 *     truncation or the truncation plus one unit is inside the interval, taking the nearer of the two (the
 *     even one on a tie), and every other candidate of that length is farther. Its integers are exact in
 *     that range: from 1 up it works in longs or big integers, its divisor times ten being
 *     {@code 10^(e+1) · 2^(53-b)} for its decimal exponent estimate e ({@code d} or {@code d+1}, the
 *     estimate exceeding log10 v by at most 0.032) and v's binary exponent b, so below 2^57.4, and its
 *     remainder plus margin below six times that, far from a long's 2^63. Below 1 its divisor grows by 5
 *     per decade while its margin does too, up to the point where those sums could pass 2^63: declined.</li>
 * <li>Java 17 writes at least two significant digits in its E-form (|v| < 10^-3 or ≥ 10^7) and is known
 *     not to stop at the shortest there (Double.MIN_VALUE is 4.9E-324, not 5.0E-324), so a one-digit
 *     answer in that range is declined. In plain form a one-digit answer is the JDK's (0.002).</li>
 * </ol>
 * What remains is trust that Java 17 meets its own specification in this range and that the reading of its
 * source above holds: the differential test compares the answers with the running JDK over millions of
 * doubles (a longer run on demand), and found no difference.
 */
public final class ShortestDecimal {

    /** What {@link #of} returns when it cannot be sure of the JDK's decimal; never a packed answer. */
    public static final long DECLINED = -1;
    /** What {@link #inside} returns when no multiple of the unit is inside the interval. */
    private static final long NONE = -2;
    /** What {@link #inside} returns when two or more multiples of the unit are inside, none on an end. */
    private static final long SEVERAL = -3;

    /**
     * The smallest magnitude answered: down to here the scaled interval stays within two longs
     * ({@code 5^27 < 2^63}); below it figures are rare and E-form quirks gather.
     */
    static final double SMALLEST = 1e-10;
    /** Magnitudes from here on are whole or nearly so, where Java 17 prints some with extra digits. */
    static final double LARGEST_EXCLUSIVE = 1e15;

    /** Bits of the packed scale; the scale is kept offset by {@link #SCALE_OFFSET}, so 0..63. */
    private static final int SCALE_BITS = 6;
    private static final int SCALE_OFFSET = 32;

    /** The first and last decade d (10^d ≤ |v| < 10^(d+1)) a magnitude in range can have, with room for the estimate. */
    private static final int FIRST_DECADE = -12;
    private static final int LAST_DECADE = 16;
    /** The smallest double at or above 10^d, index d - FIRST_DECADE: compared with, it places a double exactly. */
    private static final double[] AT_LEAST_TEN_TO_THE = new double[LAST_DECADE - FIRST_DECADE + 1];
    /** 5^k, k ≤ 27, the largest below 2^63. */
    private static final long[] FIVE_TO_THE = new long[28];
    /** 10^k, k ≤ 18. */
    private static final long[] TEN_TO_THE = new long[19];

    static {
        for (int d = FIRST_DECADE; d <= LAST_DECADE; d++) {
            BigDecimal power = BigDecimal.ONE.scaleByPowerOfTen(d);
            double nearest = power.doubleValue();
            AT_LEAST_TEN_TO_THE[d - FIRST_DECADE] = new BigDecimal(nearest).compareTo(power) < 0 ? Math.nextUp(nearest) : nearest;
        }
        FIVE_TO_THE[0] = 1;
        for (int k = 1; k < FIVE_TO_THE.length; k++) FIVE_TO_THE[k] = FIVE_TO_THE[k - 1] * 5;
        TEN_TO_THE[0] = 1;
        for (int k = 1; k < TEN_TO_THE.length; k++) TEN_TO_THE[k] = TEN_TO_THE[k - 1] * 10;
    }

    private ShortestDecimal() {
    }

    /**
     * Java 17's {@code Double.toString(value)} as a decimal, sign left out, or {@link #DECLINED}.
     *
     * @return the packed decimal (read it with {@link #unscaled} and {@link #scale}), or {@code DECLINED}
     */
    public static long of(double value) {
        double magnitude = Math.abs(value);
        if (!(magnitude >= SMALLEST && magnitude < LARGEST_EXCLUSIVE) || magnitude == Math.rint(magnitude)) {
            return DECLINED; // NaN fails the range test
        }
        long bits = Double.doubleToRawLongBits(magnitude);
        long fraction = bits & ((1L << 52) - 1);
        if (fraction == 0) return DECLINED; // a power of two
        long m = fraction | (1L << 52); // magnitude = m × 2^q
        int binaryExponent = (int) (bits >>> 52) - 1023; // 2^binaryExponent ≤ magnitude < 2^(binaryExponent + 1)
        int q = binaryExponent - 52;
        int d = decade(magnitude, binaryExponent);
        int k = 16 - d; // magnitude × 10^k is in [10^16, 10^17): 17-digit candidates are the integers there
        int s = 1 - k - q; // interval ends × 10^k = (2m ∓ 1) × 5^k / 2^s
        if (k < 0 || k >= FIVE_TO_THE.length || s < 1 || s > 63) return DECLINED; // not reached in range; kept safe

        long five = FIVE_TO_THE[k];
        long twiceM = m << 1;
        long centreLow = twiceM * five; // 2m × 5^k, under 2^54 × 2^63, in two longs
        long centreHigh = Math.multiplyHigh(twiceM, five);
        long lowerLow = centreLow - five; // (2m - 1) × 5^k
        long lowerHigh = centreHigh - (Long.compareUnsigned(centreLow, five) < 0 ? 1 : 0);
        long upperLow = centreLow + five; // (2m + 1) × 5^k
        long upperHigh = centreHigh + (Long.compareUnsigned(upperLow, five) < 0 ? 1 : 0);

        // the ends in units of 10^-k: whole part (below 2^57) and whether nothing is left over
        long mask = (1L << s) - 1;
        long lower = (lowerLow >>> s) | (lowerHigh << (64 - s));
        boolean lowerExact = (lowerLow & mask) == 0;
        long upper = (upperLow >>> s) | (upperHigh << (64 - s));
        boolean upperExact = (upperLow & mask) == 0;

        // 15 digits are multiples of 100 units, 16 of 10, 17 of 1; the first length with a decimal inside wins
        long found = inside(lower, lowerExact, upper, upperExact, 100);
        if (found == NONE) {
            found = inside(lower, lowerExact, upper, upperExact, 10);
            if (found == NONE) {
                found = inside(lower, lowerExact, upper, upperExact, 1);
                if (found == SEVERAL && magnitude >= 1) found = nearestOfSeveral(centreLow, centreHigh, s, 1);
                return found < 0 ? DECLINED : shortest(found, k, magnitude);
            }
            if (found == SEVERAL && magnitude >= 1) found = nearestOfSeveral(centreLow, centreHigh, s, 10);
            return found < 0 ? DECLINED : shortest(found, k - 1, magnitude);
        }
        return found < 0 ? DECLINED : shortest(found, k - 2, magnitude); // never several at 15 digits
    }

    /**
     * Of several multiples of {@code unit} (1 or 10) inside the interval, the one nearest the value, whose
     * centre in units of 10^-k is {@code centre / 2^s}, counted in units; {@link #DECLINED} when the value
     * lies halfway between two. The nearest of several inside is inside, the interval being symmetric.
     */
    private static long nearestOfSeveral(long centreLow, long centreHigh, int s, long unit) {
        long whole = (centreLow >>> s) | (centreHigh << (64 - s));
        long fraction = centreLow & ((1L << s) - 1); // of a unit of 10^-k, in 2^-s
        long below = whole / unit; // the multiple at or below the value; the value is (rest + fraction) units past it
        long rest = whole - below * unit;
        int side; // the value's distance past it against half a multiple: below, halfway or above
        if (unit == 1) {
            side = Long.compare(fraction, 1L << (s - 1));
        } else {
            side = rest != 5 ? Long.compare(rest, 5) : (fraction == 0 ? 0 : 1);
        }
        if (side == 0) return DECLINED; // a tie: Java 17 takes the even digit, a rule not relied on here
        return side < 0 ? below : below + 1;
    }

    /**
     * The one multiple of {@code unit} strictly inside the interval whose ends, in units of 10^-k, are
     * {@code lower} and {@code upper} (floors; exact when the flag says so), counted in units; {@link #NONE}
     * if there is none; {@link #SEVERAL} if there are two or more; {@link #DECLINED} if one is on an end. Called with constant
     * units so that the divisions compile to multiplications.
     */
    private static long inside(long lower, boolean lowerExact, long upper, boolean upperExact, long unit) {
        long lowerUnits = lower / unit;
        long upperUnits = upper / unit;
        if ((lowerExact && lowerUnits * unit == lower) || (upperExact && upperUnits * unit == upper)) {
            return DECLINED; // a decimal on an end: whether it rounds here is a tie rule's business
        }
        long first = lowerUnits + 1; // the first multiple above the lower end
        if (upperUnits < first) return NONE; // the last at or below the upper end (not on it: checked above)
        return upperUnits == first ? first : SEVERAL; // two or more of the shortest length: nearestOfSeveral
    }

    /** The digits of {@code unscaled × 10^-scale} with trailing zeros dropped, unless Java 17's E-form pads them. */
    private static long shortest(long unscaled, int scale, double magnitude) {
        long digits = unscaled;
        int point = scale;
        while (digits % 10 == 0) {
            digits /= 10;
            point--;
        }
        boolean eForm = magnitude < 1e-3 || magnitude >= 1e7;
        if (eForm && digits < 10) return DECLINED;
        return digits << SCALE_BITS | (point + SCALE_OFFSET);
    }

    /** The d with 10^d ≤ magnitude < 10^(d+1), exactly: estimated from the binary exponent, then one comparison. */
    private static int decade(double magnitude, int binaryExponent) {
        int estimate = (binaryExponent * 78913) >> 18; // floor(e × log10 2) for |e| < 2^10: d or d - 1
        return magnitude >= AT_LEAST_TEN_TO_THE[estimate + 1 - FIRST_DECADE] ? estimate + 1 : estimate;
    }

    /** The digits of a packed answer, without trailing zeros. */
    public static long unscaled(long decimal) {
        return decimal >>> SCALE_BITS;
    }

    /** The scale of a packed answer: the value is {@code unscaled × 10^-scale}. */
    public static int scale(long decimal) {
        return (int) (decimal & ((1 << SCALE_BITS) - 1)) - SCALE_OFFSET;
    }

    /**
     * How many decimal digits a long at or above zero has. A number of b bits has floor(b × log10 2)
     * digits or one more; {@code b × 1233 >>> 12} is that floor for every b up to 63, and one comparison
     * with a power of ten settles which (one comparison, where counting the powers below took up to 17).
     */
    static int digitCount(long positive) {
        if (positive < 10) return 1;
        int estimate = ((64 - Long.numberOfLeadingZeros(positive)) * 1233) >>> 12;
        return positive < TEN_TO_THE[estimate] ? estimate : estimate + 1;
    }
}
