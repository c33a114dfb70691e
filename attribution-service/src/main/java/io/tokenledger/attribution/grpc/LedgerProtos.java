package io.tokenledger.attribution.grpc;

import com.google.protobuf.Timestamp;
import io.tokenledger.api.attribution.v1.CostRecord;
import io.tokenledger.api.attribution.v1.RecordResult;
import io.tokenledger.api.attribution.v1.RecordStatus;
import io.tokenledger.api.common.v1.CostBreakdown;
import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.attribution.domain.Amounts;
import io.tokenledger.attribution.domain.CostEntry;
import io.tokenledger.attribution.domain.CostPart;
import io.tokenledger.attribution.domain.Dimensions;
import io.tokenledger.attribution.domain.PricingStatus;
import io.tokenledger.attribution.domain.RecordOutcome;
import io.tokenledger.attribution.domain.ServiceTier;
import io.tokenledger.attribution.domain.TokenClass;

import io.tokenledger.api.attribution.v1.RecordCostsRequest;
import io.tokenledger.api.attribution.v1.RecordCostsResponse;
import io.tokenledger.api.attribution.v1.ReversedEntry;
import io.tokenledger.attribution.application.CorrectionRecording;
import io.tokenledger.attribution.domain.Correction;
import io.tokenledger.attribution.domain.CorrectionOutcome;

import java.time.Instant;
import java.util.OptionalLong;
import java.util.ArrayList;
import java.util.List;

/** Converts RecordCosts messages to and from the domain. */
final class LedgerProtos {

    private static final long MIN_SECONDS = Instant.MIN.getEpochSecond();
    private static final long MAX_SECONDS = Instant.MAX.getEpochSecond();

    private LedgerProtos() {
    }

    static CostEntry fromProto(CostRecord record) {
        return new CostEntry(record.getEventId(), record.getTenantId(),
                record.hasOccurredTime() ? instant(record.getOccurredTime()) : null,
                record.getProvider(), record.getModel(), tokens(record.getUsage()), record.getLabelsMap(),
                pricingStatus(record.getPricingStatus()), record.getUnpricedReason(), record.getCostNanos(),
                breakdown(record.getBreakdown()), record.getPriceId(), record.getTraceId(),
                record.getPromptPrefixHash(), record.getPromptPrefixTokens(),
                record.getHasReportedCost() ? OptionalLong.of(record.getReportedCostNanos()) : OptionalLong.empty(),
                serviceTier(record.getServiceTier()), record.getListCostNanos());
    }

    private static ServiceTier serviceTier(io.tokenledger.api.pricing.v1.ServiceTier tier) {
        switch (tier) {
            case SERVICE_TIER_UNSPECIFIED: case SERVICE_TIER_STANDARD: return ServiceTier.STANDARD;
            case SERVICE_TIER_BATCH: return ServiceTier.BATCH;
            case SERVICE_TIER_PRIORITY: return ServiceTier.PRIORITY;
            case SERVICE_TIER_FLEX: return ServiceTier.FLEX;
            default: return ServiceTier.UNRECOGNIZED;
        }
    }

    /** True for a record that corrects an earlier event (or names a kind of correction). */
    static boolean isCorrection(CostRecord record) {
        return !record.getCorrectsEventId().isEmpty()
                || record.getCorrection() != io.tokenledger.api.attribution.v1.CorrectionKind.CORRECTION_KIND_UNSPECIFIED;
    }

    /** A batch holding corrections: ordinary records and corrections, answered in request order. */
    static RecordCostsResponse recordWithCorrections(RecordCostsRequest request, CorrectionRecording recording) {
        List<CostEntry> entries = new ArrayList<>(request.getRecordsCount());
        List<Correction> corrections = new ArrayList<>(request.getRecordsCount());
        for (CostRecord record : request.getRecordsList()) {
            entries.add(fromProto(record));
            corrections.add(correction(record));
        }
        RecordCostsResponse.Builder response = RecordCostsResponse.newBuilder();
        for (CorrectionOutcome outcome : recording.record(entries, corrections)) {
            RecordResult.Builder result = RecordResult.newBuilder()
                    .setEventId(outcome.eventId())
                    .setStatus(switch (outcome.status()) {
                        case RECORDED -> RecordStatus.RECORD_STATUS_RECORDED;
                        case DUPLICATE -> RecordStatus.RECORD_STATUS_DUPLICATE;
                        case TARGET_NOT_FOUND -> RecordStatus.RECORD_STATUS_TARGET_NOT_FOUND;
                    })
                    .setDimensions(toProto(outcome.dimensions()));
            outcome.reversed().ifPresent(reversed -> result.setReversed(ReversedEntry.newBuilder()
                    .setCostNanos(reversed.costNanos())
                    .setOccurredTime(timestamp(reversed.occurredAt()))
                    .setProvider(reversed.provider())
                    .setModel(reversed.model())
                    .setDimensions(toProto(reversed.dimensions()))
                    .setEventCount(reversed.eventCount())
                    .setTotalTokens(reversed.totalTokens())));
            response.addResults(result);
        }
        return response.build();
    }

    private static Correction correction(CostRecord record) {
        Correction.Kind kind = switch (record.getCorrection()) {
            case CORRECTION_KIND_UNSPECIFIED -> Correction.Kind.NONE;
            case CORRECTION_KIND_AMEND -> Correction.Kind.AMEND;
            case CORRECTION_KIND_VOID -> Correction.Kind.VOID;
            case CORRECTION_KIND_RERATE -> Correction.Kind.RERATE;
            default -> Correction.Kind.UNKNOWN;
        };
        return new Correction(kind, record.getCorrectsEventId());
    }

    static RecordResult toProto(RecordOutcome outcome) {
        return RecordResult.newBuilder()
                .setEventId(outcome.eventId())
                .setStatus(outcome.status() == RecordOutcome.Status.RECORDED
                        ? RecordStatus.RECORD_STATUS_RECORDED : RecordStatus.RECORD_STATUS_DUPLICATE)
                .setDimensions(toProto(outcome.dimensions()))
                .build();
    }

    static io.tokenledger.api.attribution.v1.Dimensions toProto(Dimensions dimensions) {
        return io.tokenledger.api.attribution.v1.Dimensions.newBuilder()
                .setTenantId(dimensions.tenantId())
                .setTeam(dimensions.team())
                .setFeature(dimensions.feature())
                .setCustomer(dimensions.customer())
                .setUser(dimensions.user())
                .setEnvironment(dimensions.environment())
                .putAllTags(dimensions.tags())
                .build();
    }

    /** Out-of-range seconds are clamped, so that validation rejects them instead of the conversion failing. */
    static Instant instant(Timestamp timestamp) {
        long seconds = Math.max(MIN_SECONDS, Math.min(MAX_SECONDS, timestamp.getSeconds()));
        return Instant.ofEpochSecond(seconds, Math.floorMod(timestamp.getNanos(), 1_000_000_000));
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static PricingStatus pricingStatus(io.tokenledger.api.common.v1.PricingStatus status) {
        switch (status) {
            case PRICING_STATUS_PRICED: return PricingStatus.PRICED;
            case PRICING_STATUS_UNPRICED: return PricingStatus.UNPRICED;
            default: return PricingStatus.UNSPECIFIED;
        }
    }

    static Amounts<TokenClass> tokens(TokenUsage usage) {
        return Amounts.of(TokenClass.class,
                usage.getInputTokens(), usage.getCachedInputTokens(), usage.getCacheWrite5MTokens(),
                usage.getCacheWrite1HTokens(), usage.getOutputTokens(), usage.getReasoningTokens(),
                usage.getInputAudioTokens(), usage.getOutputAudioTokens(), usage.getInputImageTokens(),
                usage.getOutputImageTokens(), usage.getEmbeddingTokens(), usage.getTrainingTokens(),
                usage.getTrainingEpochs(), usage.getRequests(), usage.getWebSearchQueries());
    }

    static Amounts<CostPart> breakdown(CostBreakdown breakdown) {
        return Amounts.of(CostPart.class,
                breakdown.getInputNanos(), breakdown.getCachedInputNanos(), breakdown.getCacheWrite5MNanos(),
                breakdown.getCacheWrite1HNanos(), breakdown.getOutputNanos(), breakdown.getReasoningNanos(),
                breakdown.getInputAudioNanos(), breakdown.getOutputAudioNanos(), breakdown.getInputImageNanos(),
                breakdown.getOutputImageNanos(), breakdown.getEmbeddingNanos(), breakdown.getTrainingNanos(),
                breakdown.getRequestNanos(), breakdown.getWebSearchNanos());
    }

    static TokenUsage toProto(Amounts<TokenClass> tokens) {
        return TokenUsage.newBuilder()
                .setInputTokens(tokens.get(TokenClass.INPUT))
                .setCachedInputTokens(tokens.get(TokenClass.CACHED_INPUT))
                .setCacheWrite5MTokens(tokens.get(TokenClass.CACHE_WRITE_5M))
                .setCacheWrite1HTokens(tokens.get(TokenClass.CACHE_WRITE_1H))
                .setOutputTokens(tokens.get(TokenClass.OUTPUT))
                .setReasoningTokens(tokens.get(TokenClass.REASONING))
                .setInputAudioTokens(tokens.get(TokenClass.INPUT_AUDIO))
                .setOutputAudioTokens(tokens.get(TokenClass.OUTPUT_AUDIO))
                .setInputImageTokens(tokens.get(TokenClass.INPUT_IMAGE))
                .setOutputImageTokens(tokens.get(TokenClass.OUTPUT_IMAGE))
                .setEmbeddingTokens(tokens.get(TokenClass.EMBEDDING))
                .setTrainingTokens(tokens.get(TokenClass.TRAINING))
                .setTrainingEpochs(tokens.get(TokenClass.TRAINING_EPOCHS))
                .setRequests(tokens.get(TokenClass.REQUESTS))
                .setWebSearchQueries(tokens.get(TokenClass.WEB_SEARCH_QUERIES))
                .build();
    }

    static CostBreakdown breakdownToProto(Amounts<CostPart> parts) {
        return CostBreakdown.newBuilder()
                .setInputNanos(parts.get(CostPart.INPUT))
                .setCachedInputNanos(parts.get(CostPart.CACHED_INPUT))
                .setCacheWrite5MNanos(parts.get(CostPart.CACHE_WRITE_5M))
                .setCacheWrite1HNanos(parts.get(CostPart.CACHE_WRITE_1H))
                .setOutputNanos(parts.get(CostPart.OUTPUT))
                .setReasoningNanos(parts.get(CostPart.REASONING))
                .setInputAudioNanos(parts.get(CostPart.INPUT_AUDIO))
                .setOutputAudioNanos(parts.get(CostPart.OUTPUT_AUDIO))
                .setInputImageNanos(parts.get(CostPart.INPUT_IMAGE))
                .setOutputImageNanos(parts.get(CostPart.OUTPUT_IMAGE))
                .setEmbeddingNanos(parts.get(CostPart.EMBEDDING))
                .setTrainingNanos(parts.get(CostPart.TRAINING))
                .setRequestNanos(parts.get(CostPart.REQUEST))
                .setWebSearchNanos(parts.get(CostPart.WEB_SEARCH))
                .build();
    }
}
