package dev.lifeboat.core.retention;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.FieldError;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.manifest.ManifestStore;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Editing a folder's retention policy, the same for both front ends: every rule checked and the
 * wrong ones named, a preview of what the policy would do, and a prune of exactly what the person
 * confirmed (refused, with nothing deleted, when the backups changed since).
 */
public final class RetentionEditor {
    /** A policy as typed: each rule's text, empty for off. */
    public record Form(String keepLast, String keepDaily, String keepWeekly, String keepMonthly, String keepYearly,
                       String keepWithin) {
        public static Form of(RetentionPolicy p) {
            return new Form(text(p.keepLast()), text(p.keepDaily()), text(p.keepWeekly()), text(p.keepMonthly()),
                    text(p.keepYearly()), p.keepWithin() == null ? "" : p.keepWithin());
        }

        private static String text(Integer n) {
            return n == null ? "" : n.toString();
        }

        /** Whether the two forms hold the same rules as typed, spaces aside. */
        public boolean sameRulesAs(Form o) {
            return same(keepLast, o.keepLast) && same(keepDaily, o.keepDaily) && same(keepWeekly, o.keepWeekly)
                    && same(keepMonthly, o.keepMonthly) && same(keepYearly, o.keepYearly) && same(keepWithin, o.keepWithin);
        }

        private static boolean same(String a, String b) {
            return java.util.Objects.toString(a, "").strip().equals(java.util.Objects.toString(b, "").strip());
        }
    }

    /** The policy a form says, or (policy null) every rule that is wrong. */
    public record Parsed(RetentionPolicy policy, List<FieldError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }

        public RetentionPolicy orThrow() {
            if (!ok()) {
                throw FieldError.toException("The retention policy was not changed", errors);
            }
            return policy;
        }
    }

    private final ManifestStore store;

    public RetentionEditor(ManifestStore store) {
        this.store = store;
    }

    public static Parsed parse(Form f) {
        List<FieldError> errors = new ArrayList<>();
        Integer last = number(f.keepLast(), "Keep the last", "backups", errors);
        Integer daily = number(f.keepDaily(), "Keep daily", "days", errors);
        Integer weekly = number(f.keepWeekly(), "Keep weekly", "weeks", errors);
        Integer monthly = number(f.keepMonthly(), "Keep monthly", "months", errors);
        Integer yearly = number(f.keepYearly(), "Keep yearly", "years", errors);
        String within = f.keepWithin() == null ? "" : f.keepWithin().strip();
        if (!within.isEmpty()) {
            try {
                RetentionPolicy.parseDuration(within);
            } catch (LifeboatException e) {
                errors.add(new FieldError("Keep everything within", e.getMessage()));
            }
        }
        return errors.isEmpty() ? new Parsed(new RetentionPolicy(last, daily, weekly, monthly, yearly,
                within.isEmpty() ? null : within), List.of()) : new Parsed(null, List.copyOf(errors));
    }

    /** Checks a policy given as numbers (the CLI's options): no rule below zero. */
    public static RetentionPolicy check(RetentionPolicy p) {
        return parse(new Form(str(p.keepLast()), str(p.keepDaily()), str(p.keepWeekly()), str(p.keepMonthly()),
                str(p.keepYearly()), p.keepWithin())).orThrow();
    }

    private static String str(Integer n) {
        return n == null ? "" : n.toString();
    }

    private static Integer number(String text, String field, String unit, List<FieldError> errors) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return null;
        }
        try {
            int n = Integer.parseInt(t);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // said below
        }
        errors.add(new FieldError(field, "a whole number of " + unit + " (0 or more), not '" + t + "'"));
        return null;
    }

    /** The saved policies of the folder. */
    public RetentionPolicies load() {
        return RetentionPolicies.load(store.folder());
    }

    /** The databases the folder has backups of, for a policy of their own. */
    public List<String> databases() {
        return store.overview().backups().stream().map(dev.lifeboat.core.manifest.BackupEntry::database)
                .filter(java.util.Objects::nonNull).distinct().sorted().toList();
    }

    /** What the policy for {@code database} (null: the default) would keep and delete, nothing saved. */
    public List<RetentionDecision> preview(String database, RetentionPolicy policy, OffsetDateTime now) {
        return new RetentionPlanner(ZoneId.systemDefault()).plan(store.retentionFacts(), load().with(database, policy), now);
    }

    public void save(String database, RetentionPolicy policy) {
        load().with(database, policy).save(store.folder());
    }

    /**
     * Saves the policy and prunes by it, if it deletes exactly the backups the person confirmed;
     * otherwise (a backup was added, pinned or verified since) nothing is saved or deleted.
     */
    public PruneResult pruneConfirmed(String database, RetentionPolicy policy, List<String> confirmed, OffsetDateTime now) {
        List<String> gone = preview(database, policy, now).stream().filter(d -> !d.keep())
                .map(RetentionDecision::backupId).toList();
        if (!gone.equals(confirmed)) {
            throw new LifeboatException(ErrorCode.USAGE, "The backups changed since the list was confirmed: the policy "
                    + "now deletes " + gone.size() + " backup(s), not the " + confirmed.size() + " confirmed. Nothing "
                    + "was saved or deleted; look at the list again.");
        }
        save(database, policy);
        return new PruneService(store).prune(false, now);
    }
}
