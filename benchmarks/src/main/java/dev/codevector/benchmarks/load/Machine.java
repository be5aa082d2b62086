package dev.codevector.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Describes the machine a benchmark ran on, from what Linux and the JVM report. */
final class Machine {
  private Machine() {}

  static String describe() throws IOException {
    String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name");
    String memory = firstValue(Path.of("/proc/meminfo"), "MemTotal");
    String kernel = Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
    return "Machine: "
        + Runtime.getRuntime().availableProcessors()
        + " cores ("
        + cpu
        + "), "
        + memory
        + " memory, Linux "
        + kernel
        + ", Java "
        + System.getProperty("java.runtime.version")
        + " ("
        + System.getProperty("java.vm.vendor")
        + "); load generator, mock and gateway share the machine.\n";
  }

  private static String firstValue(Path file, String key) throws IOException {
    List<String> lines = Files.readAllLines(file);
    for (String line : lines) {
      if (line.startsWith(key)) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return "unknown";
  }
}
