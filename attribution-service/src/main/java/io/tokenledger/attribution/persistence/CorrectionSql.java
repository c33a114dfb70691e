package io.tokenledger.attribution.persistence;

import io.tokenledger.attribution.domain.CostPart;
import io.tokenledger.attribution.domain.TokenClass;

/**
 * The statements of a correction (see V7__corrections.sql). New entries are copies of an existing row made in SQL
 * ({@code to_jsonb(row) || overrides}), so every column, including any added later, carries over unchanged unless
 * overridden; each insert also adds its row to the hourly rollups, like RecordCosts does.
 */
final class CorrectionSql {

    /** Serializes the corrections of one target: they all lock its USAGE row first. */
    static final String LOCK_TARGET = "SELECT 1 FROM attribution.cost_ledger"
            + " WHERE tenant_id = ? AND event_id = ? AND entry_kind = 'USAGE' FOR UPDATE";

    /** The kinds of the entries already written under an event id. */
    static final String KINDS_OF = "SELECT entry_kind FROM attribution.cost_ledger WHERE tenant_id = ? AND event_id = ?";

    /** The entry in force: the newest of the target's chain (a REVERSAL on top means voided). */
    static final String IN_FORCE = "SELECT event_id, entry_kind FROM attribution.cost_ledger"
            + " WHERE tenant_id = ? AND ((event_id = ? AND entry_kind = 'USAGE') OR corrects_event_id = ?)"
            + " ORDER BY entry_seq DESC NULLS LAST LIMIT 1";

    /** What a REVERSAL row reversed, and its dimensions: the columns {@code LedgerCorrections} reads. */
    static final String REVERSED_COLUMNS = "-cost_nanos, occurred_at, provider, model, team, feature, customer, user_id,"
            + " environment, ARRAY(SELECT t.key FROM jsonb_each_text(tags) t ORDER BY t.key),"
            + " ARRAY(SELECT t.value FROM jsonb_each_text(tags) t ORDER BY t.key), -event_count, -(" + totalTokens() + ")";

    /** Every *_tokens class (epochs, requests and web searches are not tokens), as budgets count them. */
    private static String totalTokens() {
        StringBuilder sum = new StringBuilder();
        for (TokenClass tokenClass : TokenClass.values()) {
            if (tokenClass.field().endsWith("_tokens")) {
                sum.append(sum.length() == 0 ? "" : " + ").append(tokenClass.field());
            }
        }
        return sum.toString();
    }

    /**
     * Appends the REVERSAL of a row. It keeps the row's service tier (like every copied column) but no reported cost:
     * that is a fact of the call, kept on its USAGE row (reconciliation reads it there), and cannot be negative.
     * The list cost is negated like the cost. Parameters: correction id, target id, then a factor once per amount plus
     * once for the event count and once for the list cost (1 = negate the row, 0 = a zero marker when the target is voided already), tenant, the
     * row's event id and kind.
     */
    static final String REVERSE = copy("'REVERSAL'", "'event_count', -(?::bigint), 'reported_cost_nanos', NULL"
            + negatedAmounts() + ", 'list_cost_nanos', -(?::bigint) * l.list_cost_nanos");

    /** Reads a correction's stored REVERSAL (for a duplicate). Parameters: tenant, correction id. */
    static final String STORED_REVERSAL = "SELECT " + REVERSED_COLUMNS
            + " FROM attribution.cost_ledger WHERE tenant_id = ? AND event_id = ? AND entry_kind = 'REVERSAL'";

    /** Dimensions of a correction's new entry. Parameters: tenant, correction id. */
    static final String NEW_ENTRY_DIMENSIONS = "SELECT team, feature, customer, user_id, environment,"
            + " ARRAY(SELECT t.key FROM jsonb_each_text(tags) t ORDER BY t.key),"
            + " ARRAY(SELECT t.value FROM jsonb_each_text(tags) t ORDER BY t.key)"
            + " FROM attribution.cost_ledger WHERE tenant_id = ? AND event_id = ? AND entry_kind IN ('AMEND', 'RERATE')";

    /**
     * Appends a RERATE entry: the entry in force with new price fields (service tier and reported cost carry over, so
     * a later re-rating prices it on the same tier). Parameters: correction id, target id,
     * provider, model, pricing status, unpriced reason, price id, cost, list cost, every cost part, tenant, the row's event id
     * and kind.
     */
    static final String RERATE = copy("'RERATE'", "'event_count', 1, 'provider', ?::text, 'model', ?::text,"
            + " 'pricing_status', ?::text, 'unpriced_reason', ?::text, 'price_id', ?::text, 'cost_nanos', ?::bigint,"
            + " 'list_cost_nanos', ?::bigint" + newParts());

    /** Turns the AMEND row just written by LedgerInsert (as USAGE) into its correction entry, before commit. */
    static final String MARK_AMEND = "UPDATE attribution.cost_ledger SET entry_kind = 'AMEND', corrects_event_id = ?,"
            + " entry_seq = nextval('attribution.cost_ledger_entry_seq')"
            + " WHERE tenant_id = ? AND event_id = ? AND entry_kind = 'USAGE'";

    private CorrectionSql() {
    }

    private static String copy(String kind, String overrides) {
        return "WITH written AS (INSERT INTO attribution.cost_ledger"
                + " SELECT (jsonb_populate_record(NULL::attribution.cost_ledger, to_jsonb(l) || jsonb_build_object("
                + "'event_id', ?::text, 'entry_kind', " + kind + ", 'corrects_event_id', ?::text,"
                + " 'entry_seq', nextval('attribution.cost_ledger_entry_seq'), 'recorded_at', now(), " + overrides
                + "))).* FROM attribution.cost_ledger l"
                + " WHERE l.tenant_id = ? AND l.event_id = ? AND l.entry_kind = ? RETURNING *)"
                + RollupSql.addWritten()
                + " SELECT " + REVERSED_COLUMNS + " FROM written";
    }

    /** Every amount of the row times -factor (the same factor parameter, repeated per amount). */
    private static String negatedAmounts() {
        StringBuilder overrides = new StringBuilder();
        for (String amount : RollupSql.AMOUNTS) {
            overrides.append(", '").append(amount).append("', -(?::bigint) * l.").append(amount);
        }
        return overrides.toString();
    }

    private static String newParts() {
        StringBuilder overrides = new StringBuilder();
        for (CostPart part : CostPart.values()) {
            overrides.append(", '").append(part.field()).append("', ?::bigint");
        }
        return overrides.toString();
    }
}
