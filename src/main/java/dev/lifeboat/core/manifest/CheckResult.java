package dev.lifeboat.core.manifest;

/** One line of a verification checklist: what was checked, what was expected and found. */
public record CheckResult(String name, CheckStatus status, String expected, String actual, String detail) {
    public static CheckResult pass(String name, String expected, String actual) {
        return new CheckResult(name, CheckStatus.PASS, expected, actual, null);
    }

    public static CheckResult fail(String name, String expected, String actual, String detail) {
        return new CheckResult(name, CheckStatus.FAIL, expected, actual, detail);
    }

    public static CheckResult of(String name, boolean ok, String expected, String actual, String detail) {
        return new CheckResult(name, ok ? CheckStatus.PASS : CheckStatus.FAIL, expected, actual, ok ? null : detail);
    }
}
