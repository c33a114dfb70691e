package io.tokenledger.ingest.mapping;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.tokenledger.api.common.v1.CostBreakdown;
import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.api.ingest.v1.UsageEvent;
import io.tokenledger.ingest.domain.ServiceTier;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Converts usage events between the API and the domain. Shared by the gRPC edge (requests), the inbox
 * (payloads are the event's proto bytes) and the downstream clients. The token classes are mapped through
 * {@link LongFields}' accessor tables (reflection per event was a fifth of ingest's CPU); a test fails when a class
 * added to the API is missing there.
 */
public final class UsageEventProtos {

    private UsageEventProtos() {
    }

    public static io.tokenledger.ingest.domain.UsageEvent toDomain(UsageEvent proto) {
        Optional<Instant> occurred = proto.hasOccurredTime()
                ? Optional.of(toInstant(proto.getOccurredTime())) : Optional.empty();
        return new io.tokenledger.ingest.domain.UsageEvent(proto.getEventId(), proto.getTenantId(), occurred,
                proto.getProvider(), proto.getModel(), counts(proto.getUsage()), proto.getLabelsMap(),
                proto.getTraceId(), serviceTier(proto.getServiceTier()), proto.getReportedCost(),
                proto.getPromptPrefixHash(), proto.getPromptPrefixTokens(), correction(proto));
    }

    private static io.tokenledger.ingest.domain.Correction correction(UsageEvent proto) {
        io.tokenledger.ingest.domain.Correction.Kind kind = switch (proto.getCorrection()) {
            case CORRECTION_KIND_UNSPECIFIED -> io.tokenledger.ingest.domain.Correction.Kind.NONE;
            case CORRECTION_KIND_AMEND -> io.tokenledger.ingest.domain.Correction.Kind.AMEND;
            case CORRECTION_KIND_VOID -> io.tokenledger.ingest.domain.Correction.Kind.VOID;
            case CORRECTION_KIND_RERATE -> io.tokenledger.ingest.domain.Correction.Kind.RERATE;
            default -> io.tokenledger.ingest.domain.Correction.Kind.UNKNOWN;
        };
        return kind == io.tokenledger.ingest.domain.Correction.Kind.NONE && proto.getCorrectsEventId().isEmpty()
                ? io.tokenledger.ingest.domain.Correction.NONE
                : new io.tokenledger.ingest.domain.Correction(kind, proto.getCorrectsEventId());
    }

    /** The API's kind of a (validated) correction. */
    public static io.tokenledger.api.ingest.v1.CorrectionKind correctionKind(
            io.tokenledger.ingest.domain.Correction.Kind kind) {
        return switch (kind) {
            case AMEND -> io.tokenledger.api.ingest.v1.CorrectionKind.CORRECTION_KIND_AMEND;
            case VOID -> io.tokenledger.api.ingest.v1.CorrectionKind.CORRECTION_KIND_VOID;
            case RERATE -> io.tokenledger.api.ingest.v1.CorrectionKind.CORRECTION_KIND_RERATE;
            default -> io.tokenledger.api.ingest.v1.CorrectionKind.CORRECTION_KIND_UNSPECIFIED;
        };
    }

    public static UsageEvent toProto(io.tokenledger.ingest.domain.UsageEvent event) {
        UsageEvent.Builder proto = UsageEvent.newBuilder()
                .setEventId(event.eventId())
                .setTenantId(event.tenantId())
                .setProvider(event.provider())
                .setModel(event.model())
                .setUsage(tokenUsage(event.usage()))
                .putAllLabels(event.labels())
                .setTraceId(event.traceId())
                .setServiceTier(serviceTier(event.serviceTier()))
                .setReportedCost(event.reportedCost())
                .setPromptPrefixHash(event.promptPrefixHash())
                .setPromptPrefixTokens(event.promptPrefixTokens())
                .setCorrectsEventId(event.correction().targetEventId())
                .setCorrection(correctionKind(event.correction().kind()));
        event.occurredTime().ifPresent(t -> proto.setOccurredTime(timestamp(t)));
        return proto.build();
    }

    public static byte[] toBytes(io.tokenledger.ingest.domain.UsageEvent event) {
        return toProto(event).toByteArray();
    }

    public static io.tokenledger.ingest.domain.UsageEvent fromBytes(byte[] payload) {
        try {
            return toDomain(UsageEvent.parseFrom(payload));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("corrupt inbox payload", e);
        }
    }

    public static TokenUsage tokenUsage(Map<String, Long> counts) {
        TokenUsage.Builder usage = TokenUsage.newBuilder();
        for (LongFields.Field<TokenUsage, TokenUsage.Builder> field : LongFields.TOKEN_USAGE) {
            Long value = counts.get(field.name());
            if (value != null) {
                field.set().accept(usage, value);
            }
        }
        return usage.build();
    }

    public static Map<String, Long> counts(TokenUsage usage) {
        return LongFields.toMap(usage, LongFields.TOKEN_USAGE);
    }

    public static Map<String, Long> breakdown(CostBreakdown breakdown) {
        return LongFields.toMap(breakdown, LongFields.COST_BREAKDOWN);
    }

    public static CostBreakdown costBreakdown(Map<String, Long> nanos) {
        CostBreakdown.Builder breakdown = CostBreakdown.newBuilder();
        for (LongFields.Field<CostBreakdown, CostBreakdown.Builder> field : LongFields.COST_BREAKDOWN) {
            Long value = nanos.get(field.name());
            if (value != null) {
                field.set().accept(breakdown, value);
            }
        }
        return breakdown.build();
    }

    /** An enum number this build does not know maps to UNSPECIFIED; ProviderUsages rejects it first. */
    public static ServiceTier serviceTier(io.tokenledger.api.pricing.v1.ServiceTier tier) {
        switch (tier) {
            case SERVICE_TIER_STANDARD: return ServiceTier.STANDARD;
            case SERVICE_TIER_BATCH: return ServiceTier.BATCH;
            case SERVICE_TIER_PRIORITY: return ServiceTier.PRIORITY;
            case SERVICE_TIER_FLEX: return ServiceTier.FLEX;
            default: return ServiceTier.UNSPECIFIED;
        }
    }

    public static io.tokenledger.api.pricing.v1.ServiceTier serviceTier(ServiceTier tier) {
        switch (tier) {
            case STANDARD: return io.tokenledger.api.pricing.v1.ServiceTier.SERVICE_TIER_STANDARD;
            case BATCH: return io.tokenledger.api.pricing.v1.ServiceTier.SERVICE_TIER_BATCH;
            case PRIORITY: return io.tokenledger.api.pricing.v1.ServiceTier.SERVICE_TIER_PRIORITY;
            case FLEX: return io.tokenledger.api.pricing.v1.ServiceTier.SERVICE_TIER_FLEX;
            default: return io.tokenledger.api.pricing.v1.ServiceTier.SERVICE_TIER_UNSPECIFIED;
        }
    }

    public static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    /** A timestamp beyond what Instant holds is clamped, so that validation reports it as out of range. */
    public static Instant toInstant(Timestamp timestamp) {
        try {
            return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
        } catch (DateTimeException | ArithmeticException e) {
            return timestamp.getSeconds() > 0 ? Instant.MAX : Instant.MIN;
        }
    }
}
