package dev.codevector.jdbc.internal;

import dev.codevector.jdbc.SqlDialect;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a dialect's schema migrations on the class path, under {@code
 * dev/codevector/jdbc/schema/<dialect>/}, in a directory or a jar. Adding a table is adding a file
 * there: {@code V2__users.sql} follows {@code V1__registry.sql}.
 */
public final class Migrations {
  private static final String ROOT = "dev/codevector/jdbc/schema/";
  private static final Pattern FILE_NAME = Pattern.compile("V([1-9][0-9]{0,8})__(\\w+)\\.sql");

  private Migrations() {}

  /**
   * Returns the migrations this module ships for a dialect.
   *
   * @param dialect the dialect
   * @return the migrations by version, unmodifiable
   */
  public static List<Migration> of(SqlDialect dialect) {
    return of(Migrations.class.getClassLoader(), dialect);
  }

  /**
   * Returns the migrations a class loader holds for a dialect.
   *
   * @param loader where to look
   * @param dialect the dialect
   * @return the migrations by version, unmodifiable
   * @throws IllegalStateException if the directory is missing or cannot be listed
   */
  public static List<Migration> of(ClassLoader loader, SqlDialect dialect) {
    String directory = ROOT + directoryName(dialect) + "/";
    URL url = loader.getResource(directory);
    if (url == null) {
      throw new IllegalStateException("no schema migrations at " + directory);
    }
    List<Migration> migrations = new ArrayList<>();
    for (String name : fileNames(url, directory)) {
      Matcher matcher = FILE_NAME.matcher(name);
      if (matcher.matches()) {
        migrations.add(
            new Migration(
                Integer.parseInt(matcher.group(1)),
                matcher.group(2),
                read(loader, directory + name)));
      }
    }
    migrations.sort(Comparator.comparingInt(Migration::version));
    return List.copyOf(migrations);
  }

  private static String directoryName(SqlDialect dialect) {
    return switch (dialect) {
      case H2 -> "h2";
      case POSTGRESQL -> "postgresql";
    };
  }

  private static List<String> fileNames(URL directory, String path) {
    try {
      URLConnection connection = directory.openConnection();
      if (connection instanceof JarURLConnection jarConnection) {
        jarConnection.setUseCaches(false);
        try (JarFile jar = jarConnection.getJarFile()) {
          return jar.stream()
              .map(JarEntry::getName)
              .filter(name -> name.startsWith(path) && name.indexOf('/', path.length()) < 0)
              .map(name -> name.substring(path.length()))
              .toList();
        }
      }
      if (directory.getProtocol().equals("file")) {
        try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
          return files.map(file -> file.getFileName().toString()).toList();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the schema migrations at " + directory, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot list the schema migrations at " + directory, e);
    }
    throw new IllegalStateException(
        "cannot list the schema migrations at " + directory + ": not a directory or a jar");
  }

  private static String read(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("cannot read schema migration " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema migration " + resource, e);
    }
  }
}
