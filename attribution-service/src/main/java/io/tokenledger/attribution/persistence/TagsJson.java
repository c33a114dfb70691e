package io.tokenledger.attribution.persistence;

import java.util.Map;

/** Writes a tag map as a JSON object for the ledger's jsonb column (no JSON library needed for flat strings). */
final class TagsJson {

    private TagsJson() {
    }

    static String of(Map<String, String> tags) {
        StringBuilder json = new StringBuilder(16 + tags.size() * 24).append('{');
        boolean first = true;
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            json.append(first ? "" : ",");
            appendString(json, tag.getKey());
            json.append(':');
            appendString(json, tag.getValue());
            first = false;
        }
        return json.append('}').toString();
    }

    private static void appendString(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
