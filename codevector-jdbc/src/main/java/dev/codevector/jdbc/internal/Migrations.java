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
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the schema migrations on the class path, under {@code dev/codevector/jdbc/schema/}, in a
 * directory or a jar, and writes them for one dialect. Adding a table is adding a file there:
 * {@code V2__users.sql} follows {@code V1__registry.sql}.
 *
 * <p>Each file is the schema of every dialect: {@code ${binary}} stands for the dialect's type of
 * bytes and {@code ${decimal}} for its type of exact decimals of any scale (H2's {@code NUMERIC}
 * without a scale drops the fraction, so H2 has {@code DECFLOAT}). A file of the same name under
 * {@code <dialect>-only/}, such as {@code postgresql-only/}, adds the statements only that dialect
 * needs, such as the indexes of foreign keys PostgreSQL does not make by itself.
 */
public final class Migrations {
  private static final String ROOT = "dev/codevector/jdbc/schema/";
  private static final Pattern FILE_NAME = Pattern.compile("V([1-9][0-9]{0,8})__(\\w+)\\.sql");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)}");
  private static final Map<SqlDialect, Map<String, String>> TYPES =
      Map.of(
          SqlDialect.H2,
          Map.of("binary", "BINARY VARYING", "decimal", "DECFLOAT"),
          SqlDialect.POSTGRESQL,
          Map.of("binary", "BYTEA", "decimal", "NUMERIC"));

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
   * Returns the migrations a class loader holds, written for a dialect.
   *
   * @param loader where to look
   * @param dialect the dialect
   * @return the migrations by version, unmodifiable
   * @throws IllegalStateException if the directory is missing or cannot be listed, or a migration
   *     names a type the dialect has none for
   */
  public static List<Migration> of(ClassLoader loader, SqlDialect dialect) {
    URL url = loader.getResource(ROOT);
    if (url == null) {
      throw new IllegalStateException("no schema migrations at " + ROOT);
    }
    List<Migration> migrations = new ArrayList<>();
    for (String name : fileNames(url, ROOT)) {
      Matcher matcher = FILE_NAME.matcher(name);
      if (matcher.matches()) {
        String sql =
            read(loader, ROOT + name)
                .orElseThrow(() -> new IllegalStateException("cannot read " + ROOT + name));
        String only = read(loader, ROOT + onlyDirectory(dialect) + name).orElse("");
        migrations.add(
            new Migration(
                Integer.parseInt(matcher.group(1)),
                matcher.group(2),
                types(name, sql + only, dialect)));
      }
    }
    migrations.sort(Comparator.comparingInt(Migration::version));
    return List.copyOf(migrations);
  }

  private static String onlyDirectory(SqlDialect dialect) {
    return switch (dialect) {
      case H2 -> "h2-only/";
      case POSTGRESQL -> "postgresql-only/";
    };
  }

  /** Puts the dialect's types in place of a migration's placeholders. */
  private static String types(String name, String sql, SqlDialect dialect) {
    Map<String, String> types = TYPES.get(dialect);
    return PLACEHOLDER
        .matcher(sql)
        .replaceAll(
            placeholder -> {
              String type = types.get(placeholder.group(1));
              if (type == null) {
                throw new IllegalStateException(
                    "schema migration " + name + " names an unknown type " + placeholder.group());
              }
              return type;
            });
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

  private static Optional<String> read(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      return in == null
          ? Optional.empty()
          : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema migration " + resource, e);
    }
  }
}
