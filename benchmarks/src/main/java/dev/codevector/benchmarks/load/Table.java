package dev.codevector.benchmarks.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The benchmark's result table, in Markdown: one row per figure, with its target. */
final class Table {
  private final List<String> rows = new ArrayList<>();

  /**
   * Adds a row comparing a figure measured straight at the mock and through the gateway.
   *
   * @param scenario the scenario's letter and load
   * @param figure what was measured, with its unit
   * @param direct the figure straight at the mock, or NaN when not applicable
   * @param gateway the figure through the gateway
   * @param difference the comparison, such as {@code +0.12 ms} or {@code 71 %}
   * @param target the target, or empty
   * @param met whether the target is met, or null when there is none
   */
  void add(
      String scenario,
      String figure,
      double direct,
      double gateway,
      String difference,
      String target,
      Boolean met) {
    rows.add(
        "| "
            + String.join(
                " | ",
                scenario,
                figure,
                format(direct),
                format(gateway),
                difference,
                target,
                met == null ? "" : met ? "yes" : "**no**")
            + " |");
  }

  String markdown() {
    return "| Scenario | Figure | Direct | CodeVector | Difference | Target | Met |\n"
        + "|---|---|---:|---:|---:|---|---|\n"
        + String.join("\n", rows)
        + "\n";
  }

  static String format(double value) {
    if (Double.isNaN(value)) {
      return "-";
    }
    if (value >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return String.format(Locale.ROOT, "%.3f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  /**
   * Returns the median of some values.
   *
   * @param values at least one value
   * @return the median
   */
  static double median(double... values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  /**
   * Returns a percentile of some values, by nearest rank.
   *
   * @param values at least one value
   * @param percent the percentile, such as 99
   * @return the value
   */
  static double percentile(double[] values, double percent) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percent / 100 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
