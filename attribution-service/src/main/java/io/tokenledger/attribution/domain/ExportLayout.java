package io.tokenledger.attribution.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * The columns of one export format: a header line and one line per {@link ExportRow}, CSV per RFC 4180 (fields
 * with a comma, quote or line break are quoted, quotes doubled) with "\n" line ends.
 */
public interface ExportLayout {

    /** The header line, ending in "\n". */
    String header();

    /** One data line, ending in "\n". */
    String line(ExportRow row);

    /** The layout of a query's format. */
    static ExportLayout of(ExportQuery query) {
        return query.format() == ExportFormat.FOCUS ? new FocusLayout(query.tenantId()) : new CsvLayout();
    }

    /** Nano-USD as an exact decimal with 9 places, e.g. 7500000 -> "0.007500000". */
    static String usd(long nanos) {
        return BigDecimal.valueOf(nanos, 9).toPlainString();
    }

    /** The fields joined by commas, each quoted when needed, plus "\n". */
    static String join(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(field(fields.get(i)));
        }
        return line.append('\n').toString();
    }

    static String field(String value) {
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    /** The unit a class is counted in: tokens, requests or queries (web search). */
    static String unit(TokenClass tokenClass) {
        if (tokenClass.isTokens()) {
            return "tokens";
        }
        return tokenClass == TokenClass.WEB_SEARCH_QUERIES ? "queries" : "requests";
    }
}
