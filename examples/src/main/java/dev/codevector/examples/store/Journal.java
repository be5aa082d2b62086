package dev.codevector.examples.store;

import dev.codevector.spi.Store;
import dev.codevector.spi.StoreException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The journal file of a {@link JournalStore} and the one lock its writes take: each write is
 * applied to the in-memory store, then appended and forced to disk, so the journal holds the
 * successful writes in the order they happened.
 */
final class Journal implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private final Store memory;
  private final JournalLines lines;
  private final ReentrantLock lock = new ReentrantLock();
  private IOException failure;

  private Journal(Path file, FileChannel channel, Store memory, JournalLines lines) {
    this.file = file;
    this.channel = channel;
    this.memory = memory;
    this.lines = lines;
  }

  /**
   * Opens a journal, creating an empty one if the file does not exist, and replays it into a store.
   * A last line without its newline, left by a crash in the middle of an append, is cut off.
   *
   * @param file the journal file
   * @param memory the empty store to replay into
   * @return the journal, ready for appends
   * @throws StoreException if the file cannot be read or locked, or a line cannot be replayed
   */
  static Journal open(Path file, Store memory) {
    JournalLines lines = new JournalLines();
    FileChannel channel;
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StoreException("cannot open the journal " + file, e);
    }
    try {
      lockExclusively(channel, file);
      long end = replay(channel, file, memory, lines);
      channel.truncate(end);
      channel.position(end);
      return new Journal(file, channel, memory, lines);
    } catch (IOException e) {
      closeAfter(channel, e);
      throw new StoreException("cannot read the journal " + file, e);
    } catch (RuntimeException e) {
      closeAfter(channel, e);
      throw e;
    }
  }

  /**
   * Applies a write to the in-memory store and, if it succeeds, appends it to the journal and
   * forces it to disk before returning. A write the store refuses is not journaled. Once an append
   * fails, every later write fails too: the in-memory store may hold a write the journal lost,
   * until the store is opened again from the file.
   *
   * @param operation the write
   * @param value its argument
   * @return what the in-memory store returned
   * @throws StoreException if the journal cannot be appended to, now or earlier
   */
  <T, R> R write(Operation<T, R> operation, T value) {
    lock.lock();
    try {
      if (!channel.isOpen()) {
        throw new StoreException(
            "the journal " + file + " is closed", new ClosedChannelException());
      }
      if (failure != null) {
        throw new StoreException("the journal " + file + " failed; open the store again", failure);
      }
      byte[] line;
      try {
        line = lines.write(operation, value);
      } catch (IOException e) {
        throw new StoreException("cannot write " + operation.name() + " as JSON", e);
      }
      R result = operation.apply().apply(memory, value);
      try {
        ByteBuffer buffer = ByteBuffer.wrap(line);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(false);
      } catch (IOException e) {
        failure = e;
        throw new StoreException("cannot append to the journal " + file, e);
      }
      return result;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Closes the file and releases its lock; later writes fail without changing the store.
   *
   * @throws StoreException if closing fails
   */
  @Override
  public void close() {
    lock.lock();
    try {
      channel.close();
    } catch (IOException e) {
      throw new StoreException("cannot close the journal " + file, e);
    } finally {
      lock.unlock();
    }
  }

  private static void closeAfter(FileChannel channel, Exception failure) {
    try {
      channel.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  private static void lockExclusively(FileChannel channel, Path file) throws IOException {
    FileLock held;
    try {
      held = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      held = null;
    }
    if (held == null) {
      throw new IOException("the journal " + file + " is open already");
    }
  }

  /** Replays every whole line and returns where the last one ends. */
  private static long replay(FileChannel channel, Path file, Store memory, JournalLines lines)
      throws IOException {
    InputStream in = new BufferedInputStream(Channels.newInputStream(channel));
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    long position = 0;
    long end = 0;
    int number = 0;
    for (int b = in.read(); b != -1; b = in.read()) {
      position++;
      if (b != '\n') {
        line.write(b);
        continue;
      }
      number++;
      try {
        lines.read(line.toByteArray()).accept(memory);
      } catch (IOException | RuntimeException e) {
        throw new StoreException("cannot replay line " + number + " of the journal " + file, e);
      }
      line.reset();
      end = position;
    }
    return end;
  }
}
