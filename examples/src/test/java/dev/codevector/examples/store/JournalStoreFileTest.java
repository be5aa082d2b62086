package dev.codevector.examples.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.registry.Model;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderModel;
import dev.codevector.spi.Setting;
import dev.codevector.spi.StoreException;
import dev.codevector.testkit.StoreFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a journal store treats its file: torn and corrupt lines, refused writes, a second open. */
final class JournalStoreFileTest {
  @TempDir Path directory;

  private Path file;

  @BeforeEach
  void writeThreeSettings() {
    file = directory.resolve("store.journal");
    try (JournalStore store = JournalStore.open(file)) {
      for (String name : List.of("first", "second", "third")) {
        store.settings().putSetting(setting(name));
      }
    }
  }

  @Test
  void aTornLastLineIsDroppedAndCutOffTheFile() throws IOException {
    long whole = Files.size(file);
    Files.writeString(file, "{\"op\":\"putSetting\",\"val", StandardOpenOption.APPEND);

    try (JournalStore store = JournalStore.open(file)) {
      assertEquals(whole, Files.size(file));
      assertEquals(1, store.settings().findSetting("third").orElseThrow().version());
      store.settings().putSetting(setting("fourth"));
    }

    try (JournalStore store = JournalStore.open(file)) {
      assertEquals(1, store.settings().findSetting("fourth").orElseThrow().version());
    }
  }

  @Test
  void aCorruptLineBeforeTheLastFailsTheOpenNamingTheLine() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    lines.set(1, lines.get(1).substring(0, 20));
    Files.write(file, lines, StandardCharsets.UTF_8);

    StoreException thrown = assertThrows(StoreException.class, () -> JournalStore.open(file));

    assertTrue(thrown.getMessage().contains("line 2 "), thrown.getMessage());
  }

  @Test
  void aBackendJournaledWithoutAWeightIsReadWithTheDefaultWeight() throws IOException {
    Model model;
    try (JournalStore store = JournalStore.open(file)) {
      Provider provider = store.registry().putProvider(StoreFixtures.provider("p"));
      ProviderModel target =
          store.registry().putProviderModel(StoreFixtures.providerModel(provider.id(), "m"));
      model =
          store
              .registry()
              .putModel(
                  StoreFixtures.model("chat")
                      .withBackends(List.of(StoreFixtures.backend(target, 1)), StoreFixtures.T0));
    }
    String journal = Files.readString(file);
    assertTrue(journal.contains("\"weight\":1,"), journal);
    Files.writeString(file, journal.replace("\"weight\":1,", ""));

    try (JournalStore store = JournalStore.open(file)) {
      assertEquals(Optional.of(model), store.registry().findModel(model.id()));
    }
  }

  @Test
  void aWriteTheStoreRefusesIsNotJournaled() throws IOException {
    long before = Files.size(file);
    try (JournalStore store = JournalStore.open(file)) {
      assertThrows(
          AlreadyExistsException.class, () -> store.settings().putSetting(setting("first")));
    }

    assertEquals(before, Files.size(file));
  }

  @Test
  void aSecondOpenOfTheSameFileFailsWhileTheFirstIsOpen() {
    try (JournalStore store = JournalStore.open(file)) {
      StoreException thrown = assertThrows(StoreException.class, () -> JournalStore.open(file));

      assertTrue(thrown.getCause().getMessage().contains("open already"), thrown.toString());
      assertEquals(1, store.settings().findSetting("first").orElseThrow().version());
    }
  }

  @Test
  void aWriteAfterClosingFailsAndChangesNothing() {
    JournalStore store = JournalStore.open(file);
    store.close();

    assertThrows(StoreException.class, () -> store.settings().putSetting(setting("fourth")));

    assertTrue(store.settings().findSetting("fourth").isEmpty());
  }

  private static Setting setting(String name) {
    return new Setting(name, name.getBytes(StandardCharsets.UTF_8), 0);
  }
}
