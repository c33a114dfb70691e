package io.tokenledger.budget.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.api.budget.v1.Budget;
import io.tokenledger.api.budget.v1.BudgetEvent;
import io.tokenledger.api.budget.v1.BudgetPeriod;
import io.tokenledger.api.budget.v1.BudgetServiceGrpc;
import io.tokenledger.api.budget.v1.ChargeSpendRequest;
import io.tokenledger.api.budget.v1.CreateBudgetRequest;
import io.tokenledger.api.budget.v1.CreateWebhookEndpointRequest;
import io.tokenledger.api.budget.v1.CreateWebhookEndpointResponse;
import io.tokenledger.api.budget.v1.ListBudgetEventsRequest;
import io.tokenledger.api.budget.v1.ListWebhookEndpointsRequest;
import io.tokenledger.api.budget.v1.SpendCharge;
import io.tokenledger.api.budget.v1.WebhookEndpoint;
import io.tokenledger.budget.domain.WebhookSignature;
import io.tokenledger.platform.money.ProtoMoney;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Threshold events written once, and their signed webhooks delivered (and retried) to a local receiver. */
@QuarkusTest
class ThresholdWebhookTest {

    static final long USD = 1_000_000_000L;
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @GrpcClient("budget")
    BudgetServiceGrpc.BudgetServiceBlockingStub budgets;

    @Inject
    RedisDataSource redis;

    @Inject
    DataSource dataSource;

    final String tenant = "test-" + UUID.randomUUID();
    final Instant noon = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS);

    @AfterEach
    void cleanRedis() {
        TestRedis.deleteTenantKeys(redis, tenant);
    }

    @Test
    void crossingsWriteOneEventPerThresholdAndSignedWebhooks() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            endpoint(receiver.url(), SECRET);
            Budget budget = createBudget(10 * USD, List.of(50, 80, 100));

            // $10 limit: $4 (40 %), +$1 = $5 crosses 50 %, +$3.50 = $8.50 crosses 80 %, +$2 = $10.50 crosses 100 %,
            // +$1 = $11.50 crosses nothing. Charges are resent as duplicates along the way.
            charge(spend("e1", 4 * USD));
            charge(spend("e2", USD), spend("e1", 4 * USD));
            charge(spend("e3", 3_500_000_000L), spend("e2", USD));
            charge(spend("e4", 2 * USD), spend("e5", USD), spend("e4", 2 * USD));

            List<BudgetEvent> events = budgets.listBudgetEvents(ListBudgetEventsRequest.newBuilder().setTenantId(tenant)
                    .setBudgetId(budget.getBudgetId()).build()).getEventsList();
            assertThat(events).extracting(BudgetEvent::getThresholdPercent).containsExactly(50, 80, 100);
            assertThat(events).extracting(e -> ProtoMoney.toNanos(e.getSpent()))
                    .containsExactly(5 * USD, 8_500_000_000L, 10_500_000_000L);
            assertThat(events).allSatisfy(e -> {
                assertThat(e.getLimit()).isEqualTo(ProtoMoney.of(10 * USD));
                assertThat(e.getDisplayName()).isEqualTo("webhook budget");
                assertThat(e.getScopeMap()).containsEntry("team", "support");
            });

            await(() -> receiver.received().size() >= 3);
            List<String> ids = new ArrayList<>();
            for (WebhookReceiver.Received post : receiver.received()) {
                assertThat(post.signature()).isEqualTo(
                        WebhookSignature.sign(SECRET, post.id(), Long.parseLong(post.timestamp()), post.body()));
                assertThat(post.body()).contains("\"type\":\"budget.threshold_crossed\"")
                        .contains("\"budget_id\":\"" + budget.getBudgetId() + "\"")
                        .contains("\"limit_usd\":\"10.000000000\"");
                ids.add(post.id());
            }
            assertThat(ids).containsExactlyInAnyOrderElementsOf(events.stream().map(BudgetEvent::getEventId).toList());
            assertThat(receiver.received()).anySatisfy(post -> assertThat(post.body())
                    .contains("\"threshold_percent\":80").contains("\"spent_usd\":\"8.500000000\"")
                    .contains("\"spent_nanos\":8500000000"));
        }
    }

    @Test
    void failedDeliveryIsRetriedWithTheSameWebhookId() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(500)) {
            endpoint(receiver.url(), SECRET);
            createBudget(USD, List.of(100));
            charge(spend("only", USD));

            await(() -> receiver.received().size() >= 2);
            List<WebhookReceiver.Received> posts = receiver.received();
            assertThat(posts.get(0).answered()).isEqualTo(500);
            assertThat(posts.get(1).answered()).isEqualTo(200);
            assertThat(posts.get(1).id()).isEqualTo(posts.get(0).id());
            assertThat(posts.get(1).signature()).isEqualTo(
                    WebhookSignature.sign(SECRET, posts.get(1).id(), Long.parseLong(posts.get(1).timestamp()), posts.get(1).body()));

            await(() -> deliveryState(posts.get(0).id()).startsWith("DELIVERED"));
            assertThat(deliveryState(posts.get(0).id())).isEqualTo("DELIVERED attempts=2 rows=2 first=500");
        }
    }

    @Test
    void endpointsValidateUrlsAndGenerateSecrets() {
        CreateWebhookEndpointResponse created = endpoint("https://example.com/hooks", "");
        assertThat(created.getSecret()).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(created.getSecret().substring(6))).hasSize(32);
        assertThat(created.getEndpoint().getEndpointId()).startsWith("whe_");

        List<WebhookEndpoint> listed = budgets.listWebhookEndpoints(
                ListWebhookEndpointsRequest.newBuilder().setTenantId(tenant).build()).getEndpointsList();
        assertThat(listed).extracting(WebhookEndpoint::getUrl).containsExactly("https://example.com/hooks");

        StatusRuntimeException ftp = catchThrowableOfType(StatusRuntimeException.class, () -> endpoint("ftp://example.com/x", ""));
        assertThat(ftp.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(BudgetServiceTest.fields(ftp)).containsExactly("endpoint.url");

        StatusRuntimeException badSecret = catchThrowableOfType(StatusRuntimeException.class,
                () -> endpoint("https://example.com/x", "plain-password"));
        assertThat(BudgetServiceTest.fields(badSecret)).containsExactly("secret");
    }

    // --- helpers -------------------------------------------------------------------------------------------

    CreateWebhookEndpointResponse endpoint(String url, String secret) {
        return budgets.createWebhookEndpoint(CreateWebhookEndpointRequest.newBuilder()
                .setEndpoint(WebhookEndpoint.newBuilder().setTenantId(tenant).setUrl(url).setDescription("test"))
                .setSecret(secret).build());
    }

    Budget createBudget(long limit, List<Integer> thresholds) {
        return budgets.createBudget(CreateBudgetRequest.newBuilder().setBudget(Budget.newBuilder().setTenantId(tenant)
                .setDisplayName("webhook budget").putScope("team", "support").setPeriod(BudgetPeriod.BUDGET_PERIOD_DAY)
                .setLimit(ProtoMoney.of(limit)).addAllThresholdPercents(thresholds)).build()).getBudget();
    }

    SpendCharge spend(String eventId, long cost) {
        return SpendCharge.newBuilder().setEventId(eventId).setTenantId(tenant).putDimensions("team", "support")
                .setOccurredTime(BudgetServiceTest.ts(noon)).setCostNanos(cost).build();
    }

    void charge(SpendCharge... charges) {
        budgets.chargeSpend(ChargeSpendRequest.newBuilder().addAllCharges(List.of(charges)).build());
    }

    String deliveryState(String eventId) {
        String sql = "SELECT d.status, d.attempts, (SELECT count(*) FROM budget.webhook_attempts a WHERE a.delivery_id = d.id) AS n,"
                + " (SELECT a.http_status FROM budget.webhook_attempts a WHERE a.delivery_id = d.id ORDER BY a.id LIMIT 1) AS first"
                + " FROM budget.webhook_deliveries d WHERE d.budget_event_id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) + " attempts=" + rs.getInt(2) + " rows=" + rs.getInt(3) + " first=" + rs.getInt(4) : "none";
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 15 s");
            }
            Thread.sleep(100);
        }
    }
}
