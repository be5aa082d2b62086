package dev.codevector.server.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Keeps the data directory and the files in it to their owner: directories are created with mode
 * 0700, and the embedded database's files are set to mode 0600, since the database creates them
 * with whatever the process's umask allows. On file systems without POSIX permissions nothing is
 * changed.
 */
final class PrivateFiles {
  private PrivateFiles() {}

  /** Creates a directory and its missing parents with mode 0700; an existing one is kept as is. */
  static void createDirectories(Path directory) throws IOException {
    try {
      Files.createDirectories(
          directory,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (UnsupportedOperationException e) {
      Files.createDirectories(directory);
    }
  }

  /** Sets the files in a directory whose names match a glob to mode 0600. */
  static void restrict(Path directory, String glob) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, glob)) {
      for (Path file : files) {
        if (Files.isRegularFile(file)) {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
      }
    } catch (UnsupportedOperationException e) {
      // No POSIX permissions on this file system.
    }
  }
}
