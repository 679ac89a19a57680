package dev.lifeboat.core.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The roles named in an archive's GRANT, REVOKE and ALTER DEFAULT PRIVILEGES statements: a restore
 * needs them to exist as much as it needs the owners.
 */
final class Grantees {
    private static final Pattern ROLE = Pattern.compile(
            "\\b(?:TO|FROM|FOR ROLE)\\s+((?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)(?:\\s*,\\s*(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*))*)");
    private static final Pattern ONE = Pattern.compile("\"((?:[^\"]|\"\")+)\"|([A-Za-z_][A-Za-z0-9_$]*)");
    private static final Set<String> NOT_ROLES = Set.of("public", "current_user", "session_user", "current_role");

    private Grantees() {
    }

    static List<String> of(String sql) {
        List<String> roles = new ArrayList<>();
        if (sql == null) {
            return roles;
        }
        Matcher m = ROLE.matcher(sql);
        while (m.find()) {
            Matcher one = ONE.matcher(m.group(1));
            while (one.find()) {
                String role = one.group(1) != null ? one.group(1).replace("\"\"", "\"") : one.group(2);
                if (one.group(1) == null && NOT_ROLES.contains(role.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                if (!roles.contains(role)) {
                    roles.add(role);
                }
            }
        }
        return List.copyOf(roles);
    }
}
