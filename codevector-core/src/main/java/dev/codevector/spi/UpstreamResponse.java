package dev.codevector.spi;

import java.io.Closeable;
import java.io.InputStream;
import java.util.Optional;

/**
 * An upstream's answer to one attempt: status and headers at once, the body as it arrives. The
 * caller closes it, which also cancels an unfinished body.
 */
public interface UpstreamResponse extends Closeable {

  /**
   * Returns the HTTP status.
   *
   * @return the status code
   */
  int status();

  /**
   * Returns the first value of a response header.
   *
   * @param name the header's name, in any case
   * @return the value, or empty when absent
   */
  Optional<String> header(String name);

  /**
   * Returns the body, to be read once; a stream's events arrive through it as the upstream sends
   * them.
   *
   * @return the body
   */
  InputStream body();

  /** Closes the body and releases the connection; never throws. */
  @Override
  void close();
}
