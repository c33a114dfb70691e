package io.tokenledger.attribution.domain;

/** The usages the savings analyses price instead of what happened: each changes one thing about a call. */
public final class Hypotheticals {

    private Hypotheticals() {
    }

    /** The call with {@code prefixTokens} of its fresh input read from the cache instead (at most all its input). */
    public static Amounts<TokenClass> prefixCached(Amounts<TokenClass> tokens, long prefixTokens) {
        long moved = Math.min(prefixTokens, tokens.get(TokenClass.INPUT));
        long[] values = tokens.toArray();
        values[TokenClass.INPUT.ordinal()] -= moved;
        values[TokenClass.CACHED_INPUT.ordinal()] += moved;
        return Amounts.of(TokenClass.class, values);
    }

    /** The call with {@code excessTokens} fewer fresh input tokens (never below 0). */
    public static Amounts<TokenClass> trimmed(Amounts<TokenClass> tokens, long excessTokens) {
        long[] values = tokens.toArray();
        values[TokenClass.INPUT.ordinal()] -= Math.min(excessTokens, tokens.get(TokenClass.INPUT));
        return Amounts.of(TokenClass.class, values);
    }

    /** The call without prompt caching: cache reads and cache writes billed as fresh input. */
    public static Amounts<TokenClass> uncached(Amounts<TokenClass> tokens) {
        long[] values = tokens.toArray();
        values[TokenClass.INPUT.ordinal()] = PromptPrefixRule.promptTokens(tokens);
        values[TokenClass.CACHED_INPUT.ordinal()] = 0;
        values[TokenClass.CACHE_WRITE_5M.ordinal()] = 0;
        values[TokenClass.CACHE_WRITE_1H.ordinal()] = 0;
        return Amounts.of(TokenClass.class, values);
    }

    /** Whether the call neither read nor wrote the prompt cache. */
    public static boolean uncachedCall(Amounts<TokenClass> tokens) {
        return tokens.get(TokenClass.CACHED_INPUT) == 0 && tokens.get(TokenClass.CACHE_WRITE_5M) == 0
                && tokens.get(TokenClass.CACHE_WRITE_1H) == 0;
    }
}
