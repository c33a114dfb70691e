package io.tokenledger.platform.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
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
        BadRequest badRequest = StatusProto.fromThrowable(status).getDetailsList().stream()
                .filter(d -> d.is(BadRequest.class)).findFirst().orElseThrow().unpack(BadRequest.class);
        assertThat(badRequest.getFieldViolationsList()).extracting(BadRequest.FieldViolation::getField)
                .containsExactly("events[3].usage.input_tokens", "events[4].model");
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
}
