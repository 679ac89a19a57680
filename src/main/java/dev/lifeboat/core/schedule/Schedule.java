package dev.lifeboat.core.schedule;

/**
 * A scheduled backup: which connection (a saved name or a URI, never a password), into which
 * folder, when, and whether to verify and prune after it.
 */
public record Schedule(String name, String connection, String folder, String when, String verifyDepth, boolean prune) {
    public ScheduleTime time() {
        return ScheduleTime.parse(when);
    }

    /** The unit, task and label name on every OS. */
    public String unitName() {
        return "lifeboat-" + name.replaceAll("[^A-Za-z0-9_-]", "-");
    }
}
