package io.tokenledger.ingest.normalize;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenledger.api.ingest.v1.ProviderApi;
import io.tokenledger.platform.error.TokenLedgerException;
import io.tokenledger.platform.error.Violations;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a provider-native usage report (the usage object, the whole response body, a batch result line, or a
 * whole event stream) into canonical token classes, by the rules of its {@link ProviderApi}. Stateless and pure.
 * A report that breaks an invariant is rejected with {@link TokenLedgerException.Invalid} naming each field.
 */
public final class ProviderUsageNormalizer {

    /** Large enough for a long streamed answer; usage itself is tiny. */
    public static final int MAX_USAGE_JSON_CHARS = 1 << 20;

    // Decimals stay exact (OpenRouter's cost); counts are read as long.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Map<ProviderApi, UsageNormalizer> RULES = rules();

    private ProviderUsageNormalizer() {
    }

    /**
     * @param path the field path of the provider usage message, e.g. {@code events[2].provider_usage}
     */
    public static NormalizedUsage normalize(ProviderApi api, String usageJson, String reportedCost, String path) {
        Violations violations = new Violations();
        UsageNormalizer rules = RULES.get(api);
        if (rules == null) {
            throw new TokenLedgerException.Invalid(path + ".api", "must be a supported provider API, got " + api);
        }
        String jsonPath = path + ".usage_json";
        if (usageJson.isBlank() || usageJson.length() > MAX_USAGE_JSON_CHARS) {
            throw new TokenLedgerException.Invalid(jsonPath, "must be 1.." + MAX_USAGE_JSON_CHARS + " characters");
        }
        Optional<BigDecimal> cost = parseCost(reportedCost, path + ".reported_cost", violations);
        JsonNode document;
        JsonNode usage;
        String trimmed = usageJson.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            document = parse(trimmed, jsonPath, "is not valid JSON");
            usage = rules.locate(document);
        } else {
            List<JsonNode> events = streamEvents(trimmed, jsonPath);
            document = events.get(events.size() - 1);
            usage = rules.finalStreamUsage(events);
        }
        if (!usage.isObject()) {
            throw new TokenLedgerException.Invalid(jsonPath, "has no " + api + " usage block");
        }
        UsageBlock block = new UsageBlock(usage, jsonPath, violations);
        Map<String, Long> counts = rules.normalize(block, document);
        Optional<BigDecimal> inBlock = rules.reportedCost(block);
        violations.throwIfAny();
        return new NormalizedUsage(counts, cost.isPresent() ? cost : inBlock, ServiceTiers.reported(usage, document));
    }

    private static Optional<BigDecimal> parseCost(String reportedCost, String field, Violations violations) {
        if (reportedCost.isEmpty()) {
            return Optional.empty();
        }
        try {
            BigDecimal cost = new BigDecimal(reportedCost);
            violations.check(cost.signum() >= 0, field, "must be >= 0");
            return Optional.of(cost);
        } catch (NumberFormatException e) {
            violations.add(field, "must be a decimal number of USD such as \"0.001038\"");
            return Optional.empty();
        }
    }

    /** The JSON payloads of a {@code text/event-stream} body ({@code data:} lines), in order. */
    private static List<JsonNode> streamEvents(String text, String jsonPath) {
        List<JsonNode> events = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (!line.startsWith("data:")) {
                continue;
            }
            String data = line.substring("data:".length()).strip();
            if (!data.isEmpty() && !data.equals("[DONE]")) {
                events.add(parse(data, jsonPath, "has a stream data line (line " + (i + 1) + ") that is not valid JSON"));
            }
        }
        if (events.isEmpty()) {
            throw new TokenLedgerException.Invalid(jsonPath,
                    "must be JSON or an event stream of JSON data lines");
        }
        return events;
    }

    private static JsonNode parse(String json, String field, String problem) {
        try {
            return JSON.readTree(json);
        } catch (StreamConstraintsException e) {
            // Too deep or too long a number (Jackson's limits): its message names the limit, not the payload.
            throw new TokenLedgerException.Invalid(field, problem + " (" + e.getOriginalMessage() + ")");
        } catch (JsonProcessingException e) {
            // The parser's location only: never echo the payload, which may hold prompts.
            JsonLocation at = e.getLocation();
            throw new TokenLedgerException.Invalid(field, problem + (at == null ? ""
                    : " (at line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
    }

    private static Map<ProviderApi, UsageNormalizer> rules() {
        Map<ProviderApi, UsageNormalizer> rules = new EnumMap<>(ProviderApi.class);
        rules.put(ProviderApi.PROVIDER_API_OPENAI_CHAT_COMPLETIONS, new OpenAiChatNormalizer());
        rules.put(ProviderApi.PROVIDER_API_OPENAI_RESPONSES, new OpenAiResponsesNormalizer());
        rules.put(ProviderApi.PROVIDER_API_OPENAI_EMBEDDINGS, new OpenAiEmbeddingsNormalizer());
        rules.put(ProviderApi.PROVIDER_API_OPENAI_REALTIME, new OpenAiRealtimeNormalizer());
        rules.put(ProviderApi.PROVIDER_API_ANTHROPIC_MESSAGES, new AnthropicMessagesNormalizer());
        rules.put(ProviderApi.PROVIDER_API_GEMINI_GENERATE_CONTENT, new GeminiNormalizer());
        rules.put(ProviderApi.PROVIDER_API_BEDROCK_CONVERSE, new BedrockConverseNormalizer());
        rules.put(ProviderApi.PROVIDER_API_OPENAI_COMPATIBLE, new OpenAiCompatibleNormalizer());
        return rules;
    }
}
