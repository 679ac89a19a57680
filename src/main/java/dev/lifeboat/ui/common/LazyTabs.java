package dev.lifeboat.ui.common;

import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Tab;

/**
 * Tabs whose content joins the window when the tab is first shown: the window's first style pass and
 * layout, before it is visible, then cover only what it shows (the content works meanwhile: its
 * controls hold their items and listeners whether attached or not).
 */
public final class LazyTabs {
    private LazyTabs() {
    }

    public static Tab tab(String title, Node content) {
        Tab tab = new Tab(title);
        attachWhenShown(tab, content);
        return tab;
    }

    /** Sets the tab's content when it is first selected (at once if it is selected now). */
    public static void attachWhenShown(Tab tab, Node content) {
        if (tab.isSelected()) {
            tab.setContent(content);
            return;
        }
        tab.selectedProperty().addListener(new ChangeListener<Boolean>() {
            @Override
            public void changed(ObservableValue<? extends Boolean> o, Boolean was, Boolean selected) {
                if (selected) {
                    tab.selectedProperty().removeListener(this);
                    tab.setContent(content);
                }
            }
        });
    }
}
