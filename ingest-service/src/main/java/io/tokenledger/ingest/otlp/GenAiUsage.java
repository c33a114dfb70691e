package io.tokenledger.ingest.otlp;

import io.tokenledger.api.common.v1.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a span's GenAI usage attributes into canonical, disjoint token classes. In the OpenTelemetry GenAI
 * conventions the cache counts are part of the input total and reasoning is part of the output total, so:
 * uncached input = input - cache read - cache creation, visible output = output - reasoning. A span whose parts
 * exceed its totals is rejected with the attributes named, never priced wrong. Each class is read from the
 * first attribute present in its list: the current name, then the deprecated and pre-standard ones.
 */
final class GenAiUsage {

    static final List<String> INPUT = List.of("gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens",
            "llm.token_count.prompt");
    static final List<String> OUTPUT = List.of("gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens",
            "llm.token_count.completion");
    static final List<String> CACHE_READ = List.of("gen_ai.usage.cache_read.input_tokens",
            "gen_ai.usage.cache_read_input_tokens", "llm.token_count.prompt_details.cache_read");
    static final List<String> CACHE_CREATION = List.of("gen_ai.usage.cache_creation.input_tokens",
            "gen_ai.usage.cache_creation_input_tokens", "llm.token_count.prompt_details.cache_write");
    static final List<String> REASONING = List.of("gen_ai.usage.reasoning.output_tokens",
            "llm.token_count.completion_details.reasoning");

    private static final List<List<String>> ALL = List.of(INPUT, OUTPUT, CACHE_READ, CACHE_CREATION, REASONING);

    /** The canonical usage of a span, or why it cannot be had. */
    record Result(Optional<TokenUsage> usage, String problem) {
    }

    private GenAiUsage() {
    }

    /** Whether the span reports any GenAI usage at all (only those become events). */
    static boolean reportsUsage(SpanAttributes attributes) {
        return ALL.stream().anyMatch(keys -> attributes.firstPresent(keys).isPresent());
    }

    /** @param embeddings whether the operation is an embeddings call: its input tokens are embedding tokens */
    static Result canonical(SpanAttributes attributes, boolean embeddings) {
        // Every unreadable or negative count is named, not just the first, so that one fix makes the span valid.
        List<String> problems = new ArrayList<>();
        Count input = read(attributes, INPUT, problems);
        Count output = read(attributes, OUTPUT, problems);
        Count cacheRead = read(attributes, CACHE_READ, problems);
        Count cacheCreation = read(attributes, CACHE_CREATION, problems);
        Count reasoning = read(attributes, REASONING, problems);
        if (!problems.isEmpty()) {
            return problem(String.join("; ", problems));
        }
        long uncached = input.value - cacheRead.value - cacheCreation.value;
        if (uncached < 0) {
            String parts = cacheRead.value == 0 ? cacheCreation.key + " (" + cacheCreation.value + ") exceeds"
                    : cacheCreation.value == 0 ? cacheRead.key + " (" + cacheRead.value + ") exceeds"
                    : cacheRead.key + " + " + cacheCreation.key + " (" + (cacheRead.value + cacheCreation.value)
                            + ") exceed";
            return problem(parts + " " + input.key + " (" + input.value + "), which includes "
                    + (parts.endsWith("exceeds") ? "it" : "them"));
        }
        long visible = output.value - reasoning.value;
        if (visible < 0) {
            return problem(reasoning.key + " (" + reasoning.value + ") exceeds " + output.key + " ("
                    + output.value + "), which includes it");
        }
        TokenUsage.Builder usage = TokenUsage.newBuilder()
                .setCachedInputTokens(cacheRead.value)
                .setCacheWrite5MTokens(cacheCreation.value)
                .setOutputTokens(visible)
                .setReasoningTokens(reasoning.value);
        if (embeddings) {
            usage.setEmbeddingTokens(uncached);
        } else {
            usage.setInputTokens(uncached);
        }
        return new Result(Optional.of(usage.build()), "");
    }

    /** One count, or 0 with its problem added when it is not a count or negative. */
    private static Count read(SpanAttributes attributes, List<String> keys, List<String> problems) {
        try {
            Count count = Count.of(attributes, keys);
            if (count.value < 0) {
                problems.add(count.key + " must be >= 0, got " + count.value);
            }
            return count;
        } catch (SpanAttributes.NotACount e) {
            problems.add(e.getMessage());
            return new Count(keys.get(0), 0);
        }
    }

    private static Result problem(String problem) {
        return new Result(Optional.empty(), problem);
    }

    /** A count and the attribute it came from (the current name when absent, for messages). */
    private record Count(String key, long value) {

        static Count of(SpanAttributes attributes, List<String> keys) throws SpanAttributes.NotACount {
            Optional<String> key = attributes.firstPresent(keys);
            if (key.isEmpty()) {
                return new Count(keys.get(0), 0);
            }
            return new Count(key.get(), attributes.count(key.get()).orElse(0L));
        }
    }
}
