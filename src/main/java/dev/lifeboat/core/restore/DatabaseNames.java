package dev.lifeboat.core.restore;

import java.nio.charset.StandardCharsets;

/** Names Lifeboat gives databases it creates beside a target, kept within PostgreSQL's 63 bytes. */
final class DatabaseNames {
    private static final int MAX_BYTES = 63;

    private DatabaseNames() {
    }

    /** {@code <target>__<suffix>}, shortening the target part (never the suffix) when needed. */
    static String derived(String target, String suffix) {
        String tail = "__" + suffix;
        String head = target;
        while ((head + tail).getBytes(StandardCharsets.UTF_8).length > MAX_BYTES && !head.isEmpty()) {
            head = head.substring(0, head.offsetByCodePoints(head.length(), -1));
        }
        return head + tail;
    }
}
