package dev.codevector.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@link Main}, then, once a file appears at the path given as the only argument, fills the
 * heap from a thread of its own until the JVM throws a real {@link OutOfMemoryError}, which other
 * threads, the server's included, may meet as well. Started without {@code
 * -XX:+ExitOnOutOfMemoryError}, so that only {@code Main}'s own handling can end the process.
 */
final class HeapExhaustingMain {
  private HeapExhaustingMain() {}

  public static void main(String[] args) {
    Path trigger = Path.of(args[0]);
    Main.main(new String[0]);
    Thread.ofPlatform()
        .name("heap-filler")
        .start(
            () -> {
              while (!Files.exists(trigger)) {
                try {
                  Thread.sleep(20);
                } catch (InterruptedException e) {
                  return;
                }
              }
              List<long[]> hoard = new ArrayList<>();
              while (hoard.size() < Integer.MAX_VALUE) {
                hoard.add(new long[64 * 1024]);
              }
            });
  }
}
