package dev.codevector.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON mappers of CodeVector's internals. Numbers keep their exact decimal value, duplicate
 * keys are refused, so a request is never checked with one value and forwarded with another, and
 * nesting deeper than {@link #MAX_DEPTH} is refused.
 */
public final class Json {
  /** The deepest nesting of objects and arrays a request may have. */
  public static final int MAX_DEPTH = 128;

  /**
   * The most JSON tokens (values, keys and brackets) a document read by {@link #TREE_MAPPER} may
   * have. A tree takes up to about 100 bytes of memory per token, so this bounds one tree near 20
   * MB whatever the document's size in bytes.
   */
  public static final int MAX_TREE_TOKENS = 200_000;

  /** The shared, thread-safe mapper. */
  public static final ObjectMapper MAPPER =
      mapper(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build());

  /**
   * The mapper for documents held whole in memory as a tree, such as a request translated to
   * another wire format: {@link #MAPPER} with at most {@link #MAX_TREE_TOKENS} tokens.
   */
  public static final ObjectMapper TREE_MAPPER =
      mapper(
          StreamReadConstraints.builder()
              .maxNestingDepth(MAX_DEPTH)
              .maxTokenCount(MAX_TREE_TOKENS)
              .build());

  private Json() {}

  private static ObjectMapper mapper(StreamReadConstraints constraints) {
    return JsonMapper.builder(JsonFactory.builder().streamReadConstraints(constraints).build())
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .build();
  }
}
