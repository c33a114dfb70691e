package io.tokenledger.platform.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class SqlFailuresTest {

    @Test
    void whatARetryMayCureIsUnavailableAndTheRestInternal() {
        for (String state : new String[] {"08001", "08006", "57P01", "53300", "40P01", "40001", null}) {
            assertThat(SqlFailures.of("INBOX_UNAVAILABLE", "the inbox failed", new SQLException("x", state)))
                    .as("SQLSTATE %s", state).isInstanceOf(TokenLedgerException.Unavailable.class)
                    .hasMessage("the inbox failed");
            assertThat(GrpcErrors.codeOf(SqlFailures.of("R", "m", new SQLException("x", state))))
                    .isEqualTo(io.grpc.Status.Code.UNAVAILABLE);
        }
        // A unique violation or a syntax error would fail the same way again: a bug, INTERNAL.
        for (String state : new String[] {"23505", "42601", "22003"}) {
            assertThat(SqlFailures.of("R", "m", new SQLException("x", state))).as("SQLSTATE %s", state)
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
