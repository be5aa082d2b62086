package dev.codevector.wire;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The error table: each kind of error a client or an upstream can report, the HTTP status it stands
 * for, and what each dialect calls it: Anthropic's {@code error.type}, OpenAI's {@code error.type},
 * and the Responses API's {@code error.code}. Every mapping between a status and a dialect's error
 * names goes through this table, in both directions.
 *
 * <p>Whether an upstream's failure is worth another Backend is the router's {@code FailoverPolicy},
 * which classifies the status.
 */
public enum ErrorKind {
  /** The request is malformed or cannot be served as it is. */
  INVALID_REQUEST(
      400,
      "invalid_request_error",
      "invalid_request_error",
      "invalid_request_error",
      List.of("invalid_request", "context_length_exceeded")),
  /** The credentials are missing or wrong. */
  AUTHENTICATION(401, "authentication_error", "authentication_error", "invalid_api_key", List.of()),
  /** The account cannot pay for the request. */
  BILLING(402, "billing_error", "insufficient_quota", "insufficient_quota", List.of()),
  /** The credentials may not do this. */
  PERMISSION(403, "permission_error", "permission_error", "permission_error", List.of()),
  /** What the request names does not exist. */
  NOT_FOUND(404, "not_found_error", "not_found_error", "not_found_error", List.of()),
  /** The request is larger than allowed. */
  REQUEST_TOO_LARGE(413, "request_too_large", "request_too_large", "request_too_large", List.of()),
  /** Too many requests or tokens for now. */
  RATE_LIMIT(
      429, "rate_limit_error", "rate_limit_error", "rate_limit_exceeded", List.of("rate_limit")),
  /** The server failed. */
  SERVER(500, "api_error", "server_error", "server_error", List.of()),
  /** The server is overloaded for now (Anthropic's 529; a 503 means the same). */
  OVERLOADED(
      529,
      "overloaded_error",
      "server_error",
      "server_is_overloaded",
      List.of("overloaded", "slow_down"));

  private final int status;
  private final String anthropicType;
  private final String openAiType;
  private final String responsesCode;

  /** Other names OpenAI-shaped errors of this kind carry in their type or code. */
  private final List<String> otherNames;

  ErrorKind(
      int status,
      String anthropicType,
      String openAiType,
      String responsesCode,
      List<String> otherNames) {
    this.status = status;
    this.anthropicType = anthropicType;
    this.openAiType = openAiType;
    this.responsesCode = responsesCode;
    this.otherNames = otherNames;
  }

  /**
   * Returns the HTTP status this kind stands for.
   *
   * @return the status
   */
  public int status() {
    return status;
  }

  /**
   * Returns Anthropic's {@code error.type} for this kind.
   *
   * @return the type
   */
  public String anthropicType() {
    return anthropicType;
  }

  /**
   * Returns OpenAI's {@code error.type} for this kind.
   *
   * @return the type
   */
  public String openAiType() {
    return openAiType;
  }

  /**
   * Returns the Responses API's {@code error.code} for this kind, as {@code response.failed}
   * carries it.
   *
   * @return the code
   */
  public String responsesCode() {
    return responsesCode;
  }

  /**
   * Returns the kind of an HTTP status: the kind of that status; a 503 is overloaded; any other 4xx
   * an invalid request; anything else a server error.
   *
   * @param status the HTTP status
   * @return the kind
   */
  public static ErrorKind ofStatus(int status) {
    for (ErrorKind kind : values()) {
      if (kind.status == status) {
        return kind;
      }
    }
    if (status == 503) {
      return OVERLOADED;
    }
    return status >= 400 && status < 500 ? INVALID_REQUEST : SERVER;
  }

  /**
   * Returns the kind of an Anthropic {@code error.type}.
   *
   * @param type the type; may be null
   * @return the kind; {@link #SERVER} for an unknown type
   */
  public static ErrorKind ofAnthropicType(String type) {
    for (ErrorKind kind : values()) {
      if (kind.anthropicType.equals(type)) {
        return kind;
      }
    }
    return SERVER;
  }

  /**
   * Returns the kind an OpenAI-shaped error names by its {@code type} and {@code code}, as OpenAI
   * and the servers that copy its shape spell them ({@code rate_limit_exceeded}, {@code
   * insufficient_quota}, {@code context_length_exceeded}, {@code server_is_overloaded}, …).
   *
   * @param type the error's {@code type}, or empty
   * @param code the error's {@code code}, or empty
   * @return the kind; {@link #SERVER} when nothing matches
   */
  public static ErrorKind ofOpenAiNames(String type, String code) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(code, "code");
    String names = (type + " " + code).toLowerCase(Locale.ROOT);
    for (ErrorKind kind : List.of(RATE_LIMIT, BILLING, OVERLOADED, INVALID_REQUEST)) {
      if (kind.isNamedIn(names)) {
        return kind;
      }
    }
    return SERVER;
  }

  private boolean isNamedIn(String names) {
    return names.contains(responsesCode) || otherNames.stream().anyMatch(names::contains);
  }
}
