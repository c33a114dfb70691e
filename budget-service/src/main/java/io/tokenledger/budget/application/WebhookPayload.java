package io.tokenledger.budget.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenledger.budget.domain.BudgetEvent;
import io.tokenledger.platform.money.Nanos;
import java.util.Map;
import java.util.TreeMap;

/** The JSON body of a {@code budget.threshold_crossed} webhook; amounts as exact decimal strings and as nanos. */
final class WebhookPayload {

    static final String TYPE = "budget.threshold_crossed";
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookPayload() {
    }

    static String of(BudgetEvent event) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", TYPE);
        root.put("timestamp", event.createTime().toString());
        ObjectNode data = root.putObject("data");
        data.put("event_id", event.id());
        data.put("budget_id", event.budgetId());
        data.put("tenant_id", event.tenantId());
        data.put("display_name", event.displayName());
        ObjectNode scope = data.putObject("scope");
        for (Map.Entry<String, String> entry : new TreeMap<>(event.scope()).entrySet()) {
            scope.put(entry.getKey(), entry.getValue());
        }
        data.put("threshold_percent", event.thresholdPercent());
        data.put("window_start", event.window().start().toString());
        data.put("window_end", event.window().end().toString());
        if (event.countsTokens()) {
            data.put("limit_tokens", event.limitNanos());
            data.put("spent_tokens", event.spentNanos());
        } else {
            data.put("limit_usd", Nanos.toUsd(event.limitNanos()).toPlainString());
            data.put("limit_nanos", event.limitNanos());
            data.put("spent_usd", Nanos.toUsd(event.spentNanos()).toPlainString());
            data.put("spent_nanos", event.spentNanos());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
