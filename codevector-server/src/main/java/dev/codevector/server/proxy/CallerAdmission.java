package dev.codevector.server.proxy;

import dev.codevector.CodeVector;
import dev.codevector.access.Caller;
import dev.codevector.access.Group;
import dev.codevector.access.GroupId;
import dev.codevector.limits.Admission;
import dev.codevector.limits.Demand;
import dev.codevector.limits.Room;
import dev.codevector.limits.Subject;
import dev.codevector.limits.Ticket;
import dev.codevector.registry.Model;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The admission of one proxied request: the limits on its caller's key, user, the user's groups and
 * everyone, as the limits service decides. It keeps what the router asked and got, so that the
 * answer can tell the room left, and a refusal can be recorded under the Model's slug. Not
 * thread-safe; confined to the request's thread.
 */
final class CallerAdmission implements Admission {
  private final Admission limits;
  private Model model;
  private Ticket ticket = Ticket.UNLIMITED;

  private CallerAdmission(Admission limits) {
    this.limits = limits;
  }

  /**
   * Returns the admission of a caller's request. The user's groups come from the store's cache.
   *
   * @param codeVector the limits and the access control
   * @param caller who sent the request
   * @return the admission, for one request
   */
  static CallerAdmission of(CodeVector codeVector, Caller caller) {
    Set<GroupId> groups =
        codeVector.access().groupsOf(caller.userId()).stream()
            .map(Group::id)
            .collect(Collectors.toUnmodifiableSet());
    return new CallerAdmission(
        codeVector.limits().admission(Subject.of(caller.keyId(), caller.userId(), groups)));
  }

  @Override
  public boolean limits(Model model) {
    return limits.limits(model);
  }

  @Override
  public Ticket admit(Model model, Demand demand) {
    this.model = model;
    ticket = limits.admit(model, demand);
    return ticket;
  }

  /**
   * Returns the slug of the Model the request was admitted or refused for.
   *
   * @return the slug; empty if no limit was asked
   */
  Optional<String> model() {
    return Optional.ofNullable(model).map(Model::slug);
  }

  /**
   * Returns the room the limits left when the request was admitted.
   *
   * @return the room; {@link Room#UNLIMITED} if no limit applied or none was asked
   */
  Room room() {
    return ticket.room();
  }
}
