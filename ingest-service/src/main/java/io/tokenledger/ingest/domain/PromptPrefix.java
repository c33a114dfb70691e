package io.tokenledger.ingest.domain;

import io.tokenledger.platform.error.Violations;
import java.util.Map;

/**
 * The rules of an event's prompt-prefix hash: an opaque client-computed hash of the prompt's leading part (never
 * prompt text), passed through to the ledger for the caching insight.
 */
final class PromptPrefix {

    /** The longest hash accepted. */
    static final int MAX_HASH_LENGTH = 128;

    private PromptPrefix() {
    }

    static void check(UsageEvent event, String path, Violations violations) {
        String hash = event.promptPrefixHash();
        long tokens = event.promptPrefixTokens();
        if (hash.length() > MAX_HASH_LENGTH || !printableAscii(hash)) {
            violations.add(path + ".prompt_prefix_hash", "must be at most " + MAX_HASH_LENGTH
                    + " printable ASCII characters");
        }
        if (tokens < 0) {
            violations.add(path + ".prompt_prefix_tokens", "must be >= 0");
        } else if (tokens > 0 && hash.isEmpty()) {
            violations.add(path + ".prompt_prefix_tokens", "must be 0 when prompt_prefix_hash is empty");
        } else if (tokens > promptTokens(event.usage())) {
            violations.add(path + ".prompt_prefix_tokens",
                    "must not exceed the prompt (input + cached input + cache write tokens = "
                            + promptTokens(event.usage()) + ")");
        }
    }

    /** Every token the prompt was billed as: fresh input, cache reads and cache writes. */
    static long promptTokens(Map<String, Long> usage) {
        return usage.getOrDefault("input_tokens", 0L) + usage.getOrDefault("cached_input_tokens", 0L)
                + usage.getOrDefault("cache_write_5m_tokens", 0L) + usage.getOrDefault("cache_write_1h_tokens", 0L);
    }

    private static boolean printableAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
