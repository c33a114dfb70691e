package io.tokenledger.attribution.domain;

import io.tokenledger.platform.error.FieldViolation;
import io.tokenledger.platform.error.TokenLedgerException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CostQueryTest {

    private static final Instant NOW = Instant.parse("2026-02-01T00:00:00Z");

    @Test
    void namesBecomeDimensionsAndDefaultsApply() {
        CostQuery query = CostQuery.parse("acme", Optional.empty(), Optional.empty(),
                List.of("feature", "tag:region", "user", "pricing_status"), Map.of("model", "gpt-4o"),
                Granularity.DAY, "", 0, NOW);

        assertThat(query.groupBy()).containsExactly(Dimension.of(Dimension.Kind.FEATURE), Dimension.tag("region"),
                Dimension.of(Dimension.Kind.USER), Dimension.of(Dimension.Kind.PRICING_STATUS));
        assertThat(query.filters()).containsExactly(Map.entry(Dimension.of(Dimension.Kind.MODEL), "gpt-4o"));
        assertThat(query.end()).isEqualTo(NOW);
        assertThat(query.start()).isEmpty();
        assertThat(query.zone()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void unknownNamesBadZoneAndLimitAreNamedByField() {
        TokenLedgerException.Invalid invalid = catchThrowableOfType(TokenLedgerException.Invalid.class,
                () -> CostQuery.parse("acme", Optional.of(NOW), Optional.of(NOW.minusSeconds(1)),
                        List.of("team", "colour", "tag:"), Map.of("planet", "mars", "team", "search"),
                        Granularity.TOTAL, "Mars/Olympus", 10_001, NOW));

        assertThat(invalid.violations()).extracting(FieldViolation::field).containsExactlyInAnyOrder(
                "end_time", "limit", "group_by[1]", "group_by[2]", "filters[planet]", "time_zone");
    }

    @Test
    void offsetsAreNotAcceptedAsTimeZonesBecausePostgresReadsTheirSignBackwards() {
        TokenLedgerException.Invalid invalid = catchThrowableOfType(TokenLedgerException.Invalid.class,
                () -> CostQuery.parse("acme", Optional.empty(), Optional.empty(), List.of(), Map.of(),
                        Granularity.DAY, "+02:00", 0, NOW));

        assertThat(invalid.violations()).extracting(FieldViolation::field).containsExactly("time_zone");
    }

    @Test
    void aTenantIsRequired() {
        TokenLedgerException.Invalid invalid = catchThrowableOfType(TokenLedgerException.Invalid.class,
                () -> CostQuery.parse("", Optional.empty(), Optional.empty(), List.of(), Map.of(),
                        Granularity.TOTAL, "UTC", 0, NOW));

        assertThat(invalid.violations()).extracting(FieldViolation::field).containsExactly("tenant_id");
    }
}
