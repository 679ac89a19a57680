package dev.lifeboat.ui.common;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Dialogs for view-model tests: confirms as told and records what would have been shown. */
public final class RecordingDialogs implements DialogService {
    public final List<String> confirmations = new ArrayList<>();
    public final List<String> errors = new ArrayList<>();
    public final List<String> infos = new ArrayList<>();
    public boolean answer = true;

    @Override
    public boolean confirm(String title, String message, String actionText) {
        confirmations.add(actionText + ": " + message);
        return answer;
    }

    @Override
    public boolean confirmByTypingName(String title, String message, String name, String actionText) {
        confirmations.add(actionText + ": " + message);
        return answer;
    }

    @Override
    public void showError(String title, Throwable error) {
        errors.add(title + ": " + error.getMessage());
    }

    @Override
    public void showInfo(String title, String message) {
        infos.add(title + ": " + message);
    }

    @Override
    public Optional<Path> chooseFolder(String title, Path initial) {
        return Optional.empty();
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, String suggestedName, String extensionDescription, String extension) {
        return Optional.empty();
    }
}
