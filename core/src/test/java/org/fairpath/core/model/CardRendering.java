package org.fairpath.core.model;

import com.fasterxml.jackson.databind.JsonNode;

/** For attack tests in other packages: renders a card as fairpath does, as an attacker with the source could. */
public final class CardRendering {

    private CardRendering() {
    }

    public static String markdown(JsonNode card) {
        return ModelCard.markdown(card);
    }

    public static String html(JsonNode card) {
        return ModelCard.html(card);
    }
}
