/**
 * The store contracts: {@link dev.codevector.testkit.RegistryStoreContract}, {@link
 * dev.codevector.testkit.AccessStoreContract}, {@link dev.codevector.testkit.UsageStoreContract},
 * {@link dev.codevector.testkit.LimitStoreContract}, {@link
 * dev.codevector.testkit.SettingStoreContract} and {@link
 * dev.codevector.testkit.SessionStoreContract}, each an abstract JUnit suite over a new store per
 * test, and {@link dev.codevector.testkit.StoreFixtures}, the values they put.
 */
package dev.codevector.testkit;
