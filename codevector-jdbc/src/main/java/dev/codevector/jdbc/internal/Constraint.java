package dev.codevector.jdbc.internal;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.Update;

/**
 * The named constraints of the schema, so that a violation can be told apart from any other failure
 * and answered with the typed error of the registry, of access control or of limits.
 *
 * <p>Both databases put the violated constraint's name in the error message, verbatim even when the
 * rest of the message is translated: PostgreSQL as {@code ... constraint "uq_models_slug"}, H2 as
 * {@code "PUBLIC.UQ_MODELS_SLUG INDEX ..."}. Values shown in the message come after the name, so
 * the constraint is the one named first.
 */
public enum Constraint {
  PK_PROVIDERS,
  UQ_PROVIDERS_NAME,
  PK_PROVIDER_CREDENTIALS,
  FK_PROVIDER_CREDENTIALS_PROVIDER,
  PK_PROVIDER_MODELS,
  UQ_PROVIDER_MODELS_MODEL_ID,
  FK_PROVIDER_MODELS_PROVIDER,
  PK_MODELS,
  UQ_MODELS_SLUG,
  PK_BACKENDS,
  FK_BACKENDS_MODEL,
  FK_BACKENDS_PROVIDER_MODEL,
  PK_SETTINGS,
  PK_USERS,
  UQ_USERS_EMAIL,
  PK_USER_GROUPS,
  UQ_USER_GROUPS_NAME,
  PK_GROUP_MEMBERS,
  FK_GROUP_MEMBERS_GROUP,
  FK_GROUP_MEMBERS_USER,
  PK_GRANTS,
  CK_GRANTS_PRINCIPAL,
  UQ_GRANTS_USER,
  UQ_GRANTS_GROUP,
  FK_GRANTS_MODEL,
  FK_GRANTS_USER,
  FK_GRANTS_GROUP,
  PK_API_KEYS,
  UQ_API_KEYS_HASH,
  FK_API_KEYS_USER,
  PK_USAGE_RECORDS,
  PK_LIMITS,
  FK_LIMITS_KEY,
  FK_LIMITS_USER,
  FK_LIMITS_GROUP,
  FK_LIMITS_MODEL,
  PK_LIMIT_COUNTERS,
  PK_CONSOLE_SESSIONS,
  PK_AUDIT_ENTRIES;

  /** SQLSTATE class 23: integrity constraint violation. */
  private static final String INTEGRITY_VIOLATION = "23";

  private final Pattern mention =
      Pattern.compile(
          "(?<![A-Za-z0-9_])" + name().toLowerCase(Locale.ROOT) + "(?![A-Za-z0-9_])",
          Pattern.CASE_INSENSITIVE);

  /**
   * Executes a statement and answers a violation of one of the given constraints with its error.
   *
   * @param statement the insert or update
   * @param refusals the error for each constraint the statement may violate
   * @return the number of rows changed
   * @throws RuntimeException the refusal's error, or the statement's failure for any other reason
   */
  public static int execute(
      Update statement, Map<Constraint, Supplier<RuntimeException>> refusals) {
    try {
      return statement.execute();
    } catch (JdbiException e) {
      throw violatedBy(e).map(refusals::get).map(Supplier::get).orElseThrow(() -> e);
    }
  }

  /**
   * Tells whether a statement failed by violating this constraint.
   *
   * @param failure the statement's failure
   * @return true if the failure is a violation of this constraint
   */
  boolean isViolatedBy(JdbiException failure) {
    return violatedBy(failure).filter(this::equals).isPresent();
  }

  /**
   * Returns the constraint whose violation made a statement fail.
   *
   * @param failure the statement's failure
   * @return the constraint, or empty if the failure is no violation of one of ours
   */
  private static Optional<Constraint> violatedBy(JdbiException failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith(INTEGRITY_VIOLATION)) {
        return namedFirstIn(String.valueOf(cause.getMessage()));
      }
    }
    return Optional.empty();
  }

  private static Optional<Constraint> namedFirstIn(String message) {
    Constraint first = null;
    int firstAt = Integer.MAX_VALUE;
    for (Constraint constraint : values()) {
      Matcher matcher = constraint.mention.matcher(message);
      if (matcher.find() && matcher.start() < firstAt) {
        first = constraint;
        firstAt = matcher.start();
      }
    }
    return Optional.ofNullable(first);
  }
}
