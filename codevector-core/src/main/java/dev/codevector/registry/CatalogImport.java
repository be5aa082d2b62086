package dev.codevector.registry;

/**
 * What a catalog import did: how many Provider Models it added and how many it skipped because the
 * Provider already had a model with the same upstream id.
 *
 * @param imported how many Provider Models were added
 * @param skipped how many catalog entries were already there
 */
public record CatalogImport(int imported, int skipped) {

  /** Checks the counts. */
  public CatalogImport {
    if (imported < 0 || skipped < 0) {
      throw new IllegalArgumentException("negative count");
    }
  }
}
