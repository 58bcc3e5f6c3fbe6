package io.korch.benchmarks;

import java.util.Arrays;

/** Order statistics over measured samples: median, extremes and nearest-rank percentiles. */
final class Stats {

    private Stats() {
    }

    /** The median of {@code values}; the mean of the two middle values when their count is even. */
    static double median(double[] values) {
        requireSamples(values.length);
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    static double min(double[] values) {
        requireSamples(values.length);
        return Arrays.stream(values).min().orElseThrow();
    }

    static double max(double[] values) {
        requireSamples(values.length);
        return Arrays.stream(values).max().orElseThrow();
    }

    /**
     * The nearest-rank percentile of {@code sorted} (ascending): the smallest sample such that at
     * least {@code percent}% of the samples are at most it.
     */
    static long percentile(long[] sorted, double percent) {
        requireSamples(sorted.length);
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be in (0, 100]: " + percent);
        }
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static void requireSamples(int count) {
        if (count == 0) {
            throw new IllegalArgumentException("no samples");
        }
    }
}
