package dev.lifeboat.cli;

/** Placeholder, replaced below. */
public final class LifeboatCli {
    private LifeboatCli() {
    }

    public static int run(String[] args) {
        return 0;
    }
}
