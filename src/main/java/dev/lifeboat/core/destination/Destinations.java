package dev.lifeboat.core.destination;

import java.nio.file.Path;

/** Opens the destination a configuration describes. */
public final class Destinations {
    private Destinations() {
    }

    /** Where SSH keys and known_hosts are: LIFEBOAT_SSH_DIR (portable installs, tests), else ~/.ssh. */
    public static Path sshFolder() {
        String prop = System.getProperty("lifeboat.ssh.dir");
        String env = System.getenv("LIFEBOAT_SSH_DIR");
        String v = prop != null ? prop : env;
        return v == null || v.isBlank() ? Path.of(System.getProperty("user.home"), ".ssh") : Path.of(v);
    }

    public static Destination open(DestinationConfig config) {
        return open(config, sshFolder());
    }

    /** With the SSH folder given (the app's tests use their own known_hosts). */
    public static Destination open(DestinationConfig config, Path sshFolder) {
        return switch (config.kind()) {
            case FILE -> new FileDestination(Path.of(config.uri()));
            case S3 -> new S3Destination(config, S3Destination.DEFAULT_PART_SIZE);
            case SFTP -> new SftpDestination(config, sshFolder);
        };
    }
}
