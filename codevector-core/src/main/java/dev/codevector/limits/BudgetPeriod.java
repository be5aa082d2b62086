package dev.codevector.limits;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** The period a {@link Budget} runs for, in UTC: a day, a week from Monday, or a calendar month. */
public enum BudgetPeriod {
  /** From midnight UTC to the next. */
  DAY,
  /** From Monday, midnight UTC, to the next Monday. */
  WEEK,
  /** From the first of a month, midnight UTC, to the first of the next. */
  MONTH;

  /**
   * Returns when the period holding an instant began.
   *
   * @param at the instant
   * @return the period's first instant, included
   */
  public Instant start(Instant at) {
    LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
    LocalDate first =
        switch (this) {
          case DAY -> day;
          case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
          case MONTH -> day.withDayOfMonth(1);
        };
    return first.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /**
   * Returns when the period holding an instant ends.
   *
   * @param at the instant
   * @return the next period's first instant, excluded from this one
   */
  public Instant end(Instant at) {
    LocalDate first = LocalDate.ofInstant(start(at), ZoneOffset.UTC);
    LocalDate next =
        switch (this) {
          case DAY -> first.plusDays(1);
          case WEEK -> first.plusWeeks(1);
          case MONTH -> first.plusMonths(1);
        };
    return next.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /**
   * Returns the period's name in the admin API: {@code day}, {@code week} or {@code month}.
   *
   * @return the lower-case name
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
