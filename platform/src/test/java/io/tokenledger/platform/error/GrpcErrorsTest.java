package io.tokenledger.platform.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GrpcErrorsTest {

    @Test
    void invalidArgumentCarriesEveryFieldViolation() throws Exception {
        Violations violations = new Violations()
                .check(false, "events[3].usage.input_tokens", "must be >= 0")
                .check(true, "events[0].event_id", "never reported")
                .check(false, "events[4].model", "must not be empty");

        StatusRuntimeException status = GrpcErrors.toStatus(new TokenLedgerException.Invalid(violations.list()));

        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getStatus().getDescription()).contains("events[3].usage.input_tokens: must be >= 0");
        assertThat(badRequest(status).getFieldViolationsList()).extracting(BadRequest.FieldViolation::getField)
                .containsExactly("events[3].usage.input_tokens", "events[4].model");
    }

    @Test
    void listsTheViolationsThatFitInTheTrailersAndCountsTheRest() throws Exception {
        List<FieldViolation> violations = IntStream.range(0, 200)
                .mapToObj(i -> new FieldViolation("events[%03d].model".formatted(i), "must not be empty")).toList();

        StatusRuntimeException status = GrpcErrors.toStatus(new TokenLedgerException.Invalid(violations));

        // Each listed violation takes 40 bytes: field 2 + 17 ("events[000].model"), description 2 + 17 ("must not be
        // empty"), and 2 for its entry in BadRequest. 102 x 40 = 4,080 fit in 4,096 bytes; a 103rd would make 4,120.
        assertThat(badRequest(status).getFieldViolationsList()).hasSize(102)
                .extracting(BadRequest.FieldViolation::getField).startsWith("events[000].model").endsWith("events[101].model");
        assertThat(errorInfo(status).getMetadataMap()).containsEntry("violations", "200")
                .containsEntry("violations_listed", "102");
        assertThat(status.getStatus().getDescription())
                .endsWith("; and 195 more (the first 102 of 200 violations are listed in the details)");
    }

    @Test
    void aSingleViolationLargerThanTheBudgetIsStillListed() throws Exception {
        StatusRuntimeException status = GrpcErrors.toStatus(
                new TokenLedgerException.Invalid("events[0].labels[note]", "x".repeat(5_000)));

        assertThat(badRequest(status).getFieldViolationsCount()).isEqualTo(1);
        assertThat(errorInfo(status).getMetadataMap()).containsEntry("violations_listed", "1");
    }

    @Test
    void mapsEachKindToItsCode() {
        assertThat(GrpcErrors.codeOf(new TokenLedgerException.NotFound("BUDGET_NOT_FOUND", "no budget b1")))
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(GrpcErrors.codeOf(new TokenLedgerException.Unavailable("PRICING_DOWN", "pricing down", null)))
                .isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(GrpcErrors.codeOf(new TokenLedgerException.Aborted("ETAG_MISMATCH", "budget b1 changed")))
                .isEqualTo(Status.Code.ABORTED);
        assertThat(GrpcErrors.codeOf(new IllegalStateException("secret detail"))).isEqualTo(Status.Code.INTERNAL);
        assertThat(GrpcErrors.toStatus(new IllegalStateException("secret detail")).getMessage())
                .doesNotContain("secret detail");
    }

    private static BadRequest badRequest(StatusRuntimeException status) throws Exception {
        return StatusProto.fromThrowable(status).getDetailsList().stream().filter(d -> d.is(BadRequest.class))
                .findFirst().orElseThrow().unpack(BadRequest.class);
    }

    private static ErrorInfo errorInfo(StatusRuntimeException status) throws Exception {
        return StatusProto.fromThrowable(status).getDetailsList().stream().filter(d -> d.is(ErrorInfo.class))
                .findFirst().orElseThrow().unpack(ErrorInfo.class);
    }
}
