package dev.lifeboat.core.restore;

import dev.lifeboat.core.Remedy;

/** One reason preflight refuses a restore: what is wrong, in words, and what the person can do about it. */
public record PlanProblem(String message, Remedy remedy) {
    public PlanProblem {
        remedy = remedy == null ? Remedy.NONE : remedy;
    }

    public static PlanProblem of(String message) {
        return new PlanProblem(message, Remedy.NONE);
    }
}
