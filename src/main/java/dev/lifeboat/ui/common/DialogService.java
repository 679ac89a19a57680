package dev.lifeboat.ui.common;

import java.nio.file.Path;
import java.util.Optional;

/** The dialogs view models need, behind an interface so they can be tested without windows. */
public interface DialogService {
    /** Asks a yes/no question; the affirmative button says what will happen ("Delete backup"). */
    boolean confirm(String title, String message, String actionText);

    /** For destructive work on protected targets: the button stays disabled until the name is typed. */
    boolean confirmByTypingName(String title, String message, String name, String actionText);

    void showError(String title, Throwable error);

    void showInfo(String title, String message);

    Optional<Path> chooseFolder(String title, Path initial);

    Optional<Path> chooseSaveFile(String title, String suggestedName, String extensionDescription, String extension);
}
