package dev.lifeboat.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What is wrong with one field of a form both front ends fill in (a schedule, a retention policy):
 * the field as the person sees it named, and why. The app marks the field; the CLI names its flag.
 */
public record FieldError(String field, String message) {
    /** One exception for all of them, so nothing is saved when any field is wrong. */
    public static LifeboatException toException(String what, List<FieldError> errors) {
        return new LifeboatException(ErrorCode.USAGE, what + ": " + errors.stream()
                .map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
    }
}
