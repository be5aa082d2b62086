package dev.codevector.registry;

import static dev.codevector.registry.ProviderField.config;
import static dev.codevector.registry.ProviderField.credential;

import dev.codevector.registry.ProviderField.Format;
import dev.codevector.vault.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The kinds of upstream Provider CodeVector speaks to. Each kind declares the credential fields and
 * configuration fields it takes, which are required, and the defaults of the optional ones.
 */
public enum ProviderKind {
  /** OpenAI's API. */
  OPENAI(
      "OpenAI",
      List.of(apiKey(true)),
      List.of(
          baseUrl("https://api.openai.com/v1"),
          config("organization", "Organization", Format.TEXT, false),
          config("project", "Project", Format.TEXT, false))),
  /** Anthropic's API. */
  ANTHROPIC("Anthropic", List.of(apiKey(true)), List.of(baseUrl("https://api.anthropic.com"))),
  /** Azure OpenAI: a resource endpoint with deployments. */
  AZURE(
      "Azure OpenAI",
      List.of(apiKey(true)),
      List.of(
          config("baseUrl", "Resource endpoint", Format.URL, true),
          config("apiVersion", "API version", Format.API_VERSION, "2024-10-21"))),
  /**
   * Amazon Bedrock, with AWS access keys (signed with SigV4; a session token for temporary keys) or
   * a Bedrock API key. A Provider holds either set; when both are complete, the API key is used.
   * The {@code endpoint} overrides the region's {@code bedrock-runtime} host, for VPC and FIPS
   * endpoints.
   */
  BEDROCK(
      "Amazon Bedrock",
      List.of(
          credential("accessKeyId", "AWS access key ID", Format.TOKEN, false),
          credential("secretAccessKey", "AWS secret access key", Format.TOKEN, false),
          credential("sessionToken", "AWS session token", Format.TOKEN, false),
          credential("apiKey", "Bedrock API key", Format.TOKEN, false)),
      List.of(
          config("region", "Region", Format.REGION, true),
          config("endpoint", "Endpoint URL", Format.URL, false)),
      List.of(
          new CredentialSet(List.of("accessKeyId", "secretAccessKey"), List.of("sessionToken")),
          new CredentialSet(List.of("apiKey"), List.of()))),
  /** Google's Gemini API (AI Studio). */
  GOOGLE(
      "Google",
      List.of(apiKey(true)),
      List.of(baseUrl("https://generativelanguage.googleapis.com"))),
  /** Google Cloud Vertex AI, for Gemini models. */
  VERTEX("Vertex AI", List.of(serviceAccount()), vertexConfig()),
  /** Google Cloud Vertex AI, for Anthropic's Claude models. */
  VERTEX_ANTHROPIC("Vertex AI Anthropic", List.of(serviceAccount()), vertexConfig()),
  /** Groq's OpenAI-compatible API. */
  GROQ("Groq", List.of(apiKey(true)), List.of(baseUrl("https://api.groq.com/openai/v1"))),
  /** Cohere's API. */
  COHERE("Cohere", List.of(apiKey(true)), List.of(baseUrl("https://api.cohere.com"))),
  /** DeepSeek's OpenAI-compatible API. */
  DEEPSEEK("DeepSeek", List.of(apiKey(true)), List.of(baseUrl("https://api.deepseek.com"))),
  /** Moonshot's (Kimi) OpenAI-compatible API. */
  MOONSHOT("Moonshot", List.of(apiKey(true)), List.of(baseUrl("https://api.moonshot.ai/v1"))),
  /** Any endpoint that speaks OpenAI's API, at a base URL of the operator's choosing. */
  OPENAI_COMPATIBLE(
      "OpenAI-compatible",
      List.of(apiKey(false)),
      List.of(config("baseUrl", "Base URL", Format.URL, true)));

  private final String displayName;
  private final List<ProviderField> credentialFields;
  private final List<ProviderField> configFields;
  private final List<CredentialSet> credentialSets;

  ProviderKind(
      String displayName, List<ProviderField> credentialFields, List<ProviderField> configFields) {
    this(displayName, credentialFields, configFields, List.of());
  }

  ProviderKind(
      String displayName,
      List<ProviderField> credentialFields,
      List<ProviderField> configFields,
      List<CredentialSet> credentialSets) {
    this.displayName = displayName;
    this.credentialFields = credentialFields;
    List<ProviderField> all = new ArrayList<>(configFields);
    all.addAll(Timeouts.FIELDS);
    this.configFields = List.copyOf(all);
    this.credentialSets = credentialSets;
  }

  /**
   * The timeouts every kind takes, in seconds: to connect; to the first byte of the answer; between
   * two reads of a streamed answer; and for the whole call. Defaults suit LLM traffic, where a
   * model may think for minutes before its first token.
   */
  private static final class Timeouts {
    static final List<ProviderField> FIELDS =
        List.of(
            config("connectTimeoutSeconds", "Connect timeout (s)", Format.SECONDS, "10"),
            config("firstByteTimeoutSeconds", "First-byte timeout (s)", Format.SECONDS, "300"),
            config(
                "idleTimeoutSeconds",
                "Idle timeout between stream events (s)",
                Format.SECONDS,
                "300"),
            config("totalTimeoutSeconds", "Total timeout (s)", Format.SECONDS, "3600"));
  }

  private static ProviderField apiKey(boolean required) {
    return credential("apiKey", "API key", Format.TOKEN, required);
  }

  private static ProviderField baseUrl(String defaultValue) {
    return config("baseUrl", "Base URL", Format.URL, defaultValue);
  }

  private static ProviderField serviceAccount() {
    return credential("serviceAccountJson", "Service account key (JSON)", Format.DOCUMENT, true);
  }

  private static List<ProviderField> vertexConfig() {
    return List.of(
        config("project", "Project ID", Format.PROJECT, true),
        config("region", "Region", Format.REGION, true),
        config("endpoint", "Endpoint (overrides the regional host)", Format.URL, false));
  }

  /**
   * Returns the kind's wire name, such as {@code openai} or {@code vertex-anthropic}.
   *
   * @return the lowercase, hyphenated name
   */
  public String id() {
    return WireNames.of(this);
  }

  /**
   * Returns the kind's human-readable name, such as {@code Azure OpenAI}.
   *
   * @return the display name
   */
  public String displayName() {
    return displayName;
  }

  /**
   * Returns the credential fields this kind takes, all of them secret. A kind that takes one of
   * several sets of credentials (Bedrock: AWS access keys or an API key) marks none of them
   * required; a {@link Provider} must then hold one complete set and no part of another.
   *
   * @return the fields, unmodifiable
   */
  public List<ProviderField> credentialFields() {
    return credentialFields;
  }

  /** Returns the alternative credential sets, or none when each field's own flag decides. */
  List<CredentialSet> credentialSets() {
    return credentialSets;
  }

  /**
   * Returns the configuration fields this kind takes, such as base URL or region, followed by the
   * timeouts every kind takes ({@code connectTimeoutSeconds}, {@code firstByteTimeoutSeconds},
   * {@code idleTimeoutSeconds}, {@code totalTimeoutSeconds}).
   *
   * @return the fields, unmodifiable
   */
  public List<ProviderField> configFields() {
    return configFields;
  }

  /**
   * Checks configuration values against this kind's fields and returns them in canonical form.
   * Required fields are not checked here; a {@link Provider} checks those.
   *
   * @param config configuration values, by field name
   * @return the canonical values, sorted by name
   * @throws ValidationException if a name is not a configuration field of this kind, or a value
   *     does not have its field's format
   */
  public Map<String, String> checkConfig(Map<String, String> config) {
    return KindFields.config(this, config);
  }

  /**
   * Checks credentials against this kind's fields and returns them in canonical form. Required
   * fields are not checked here; a {@link Provider} checks those.
   *
   * @param credentials credentials, by field name
   * @return the canonical credentials, sorted by name
   * @throws ValidationException if a name is not a credential field of this kind, or a value does
   *     not have its field's format; the message never shows the value
   */
  public Map<String, Secret> checkCredentials(Map<String, Secret> credentials) {
    return KindFields.credentials(this, credentials, Secret::reveal, Secret::of);
  }

  /**
   * Returns the kind with the given wire name.
   *
   * @param id a wire name such as {@code openai-compatible}
   * @return the kind
   * @throws ValidationException if {@code id} names no kind
   */
  public static ProviderKind of(String id) {
    return WireNames.parse(ProviderKind.class, "kind", id);
  }
}
