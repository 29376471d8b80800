package wiregate.engine.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The operating-system account the engine processes run as: either the gateway's own user, or an
 * unprivileged account that commands are switched to with util-linux setpriv.
 */
final class EngineAccount {
  private final String name;
  private final int uid;
  private final int gid;
  private final boolean switchesUser;

  private EngineAccount(String name, int uid, int gid, boolean switchesUser) {
    this.name = name;
    this.uid = uid;
    this.gid = gid;
    this.switchesUser = switchesUser;
  }

  static EngineAccount gatewayUser(int uid, int gid) {
    return new EngineAccount(System.getProperty("user.name"), uid, gid, false);
  }

  /** Looks the account up with id(1), which consults the same NSS sources setpriv will. */
  static EngineAccount lookUp(String name) {
    SystemCommand.Result uid = SystemCommand.run(List.of("id", "-u", "--", name));
    SystemCommand.Result gid = SystemCommand.run(List.of("id", "-g", "--", name));
    if (!uid.succeeded() || !gid.succeeded()) {
      throw new EngineStartException("engine.run-as names the account '" + name
          + "', which does not exist on this machine (" + uid.output() + ")");
    }
    return new EngineAccount(name, Integer.parseInt(uid.output()), Integer.parseInt(gid.output()), true);
  }

  String name() {
    return name;
  }

  int uid() {
    return uid;
  }

  boolean switchesUser() {
    return switchesUser;
  }

  /** The command line that runs {@code argv} as this account; setpriv execs, so the pid stays the same. */
  List<String> commandLine(List<String> argv) {
    if (!switchesUser) {
      return List.copyOf(argv);
    }
    List<String> line = new ArrayList<>(List.of(
        "setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"));
    line.addAll(argv);
    return line;
  }

  /** Whether this account can resolve {@code dir} and search it, i.e. traverse every parent. */
  boolean canTraverse(Path dir) {
    return SystemCommand.run(commandLine(List.of("test", "-x", dir.toString()))).succeeded();
  }

  /** Hands a file to this account when commands switch to it; its own files already are. */
  void takeOwnership(Path path) throws IOException {
    if (!switchesUser) {
      return;
    }
    Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
  }

  /** Hands a whole tree over, e.g. a data directory initialized while engine.run-as named someone else. */
  void takeOwnershipOfTree(Path root) throws IOException {
    if (!switchesUser || owns(root)) {
      return;
    }
    for (Path path : FileTrees.listDeepestFirst(root)) {
      takeOwnership(path);
    }
  }

  private boolean owns(Path path) throws IOException {
    return ((Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS)) == uid;
  }

  @Override
  public String toString() {
    return "user " + name + " (uid " + uid + ")";
  }
}
