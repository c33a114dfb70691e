package io.tokenledger.attribution.domain;

import io.tokenledger.platform.error.Violations;

/**
 * The prompt-prefix hash of a ledger record: the client's opaque hash of the prompt's leading part (never prompt
 * text), at most 128 printable ASCII characters, and the prompt tokens it covers (0..the prompt; 0 without a hash).
 */
public final class PromptPrefixRule {

    /** The longest hash accepted. */
    public static final int MAX_HASH_LENGTH = 128;

    private PromptPrefixRule() {
    }

    static void check(CostEntry entry, String path, Violations violations) {
        String hash = entry.promptPrefixHash();
        long tokens = entry.promptPrefixTokens();
        if (hash.length() > MAX_HASH_LENGTH || !printableAscii(hash)) {
            violations.add(path + ".prompt_prefix_hash", "must be at most " + MAX_HASH_LENGTH
                    + " printable ASCII characters");
        }
        long prompt = promptTokens(entry.tokens());
        if (tokens < 0) {
            violations.add(path + ".prompt_prefix_tokens", "must be >= 0");
        } else if (tokens > 0 && hash.isEmpty()) {
            violations.add(path + ".prompt_prefix_tokens", "must be 0 when prompt_prefix_hash is empty");
        } else if (tokens > prompt) {
            violations.add(path + ".prompt_prefix_tokens",
                    "must not exceed the prompt (input + cached input + cache write tokens = " + prompt + ")");
        }
    }

    /** Every token the prompt was billed as: fresh input, cache reads and cache writes. */
    public static long promptTokens(Amounts<TokenClass> tokens) {
        return tokens.get(TokenClass.INPUT) + tokens.get(TokenClass.CACHED_INPUT)
                + tokens.get(TokenClass.CACHE_WRITE_5M) + tokens.get(TokenClass.CACHE_WRITE_1H);
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
