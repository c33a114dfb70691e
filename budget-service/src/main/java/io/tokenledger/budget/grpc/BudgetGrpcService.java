package io.tokenledger.budget.grpc;

import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tokenledger.api.budget.v1.BudgetService;
import io.tokenledger.api.budget.v1.ChargeSpendRequest;
import io.tokenledger.api.budget.v1.ChargeSpendResponse;
import io.tokenledger.api.budget.v1.CheckBudgetRequest;
import io.tokenledger.api.budget.v1.CheckBudgetResponse;
import io.tokenledger.api.budget.v1.CreateBudgetRequest;
import io.tokenledger.api.budget.v1.CreateBudgetResponse;
import io.tokenledger.api.budget.v1.CreateWebhookEndpointRequest;
import io.tokenledger.api.budget.v1.CreateWebhookEndpointResponse;
import io.tokenledger.api.budget.v1.DeleteBudgetRequest;
import io.tokenledger.api.budget.v1.DeleteBudgetResponse;
import io.tokenledger.api.budget.v1.GetBudgetRequest;
import io.tokenledger.api.budget.v1.UpdateBudgetRequest;
import io.tokenledger.api.budget.v1.UpdateBudgetResponse;
import io.tokenledger.api.budget.v1.GetBudgetResponse;
import io.tokenledger.api.budget.v1.ListBudgetEventsRequest;
import io.tokenledger.api.budget.v1.ListBudgetEventsResponse;
import io.tokenledger.api.budget.v1.ListBudgetsRequest;
import io.tokenledger.api.budget.v1.ListBudgetsResponse;
import io.tokenledger.api.budget.v1.ListWebhookEndpointsRequest;
import io.tokenledger.api.budget.v1.ListWebhookEndpointsResponse;
import io.tokenledger.api.budget.v1.RebuildCountersRequest;
import io.tokenledger.api.budget.v1.RebuildCountersResponse;
import io.tokenledger.api.budget.v1.WatchBudgetEventsRequest;
import io.tokenledger.budget.application.BudgetCatalog;
import io.tokenledger.budget.application.BudgetEnforcement;
import io.tokenledger.budget.application.BudgetEventFeed;
import io.tokenledger.budget.application.BudgetEventLog;
import io.tokenledger.budget.application.CounterRebuild;
import io.tokenledger.budget.application.SpendCharging;
import io.tokenledger.budget.application.WebhookRegistry;
import io.tokenledger.budget.domain.Page;
import io.tokenledger.budget.domain.SpendCharge;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The gRPC edge of budget-service: converts, calls one use case, converts back. */
@GrpcService
public class BudgetGrpcService implements BudgetService {

    private final BudgetCatalog catalog;
    private final BudgetEnforcement enforcement;
    private final SpendCharging charging;
    private final BudgetEventLog eventLog;
    private final WebhookRegistry webhooks;
    private final CounterRebuild rebuild;
    private final BudgetEventFeed eventFeed;
    private final Clock clock;

    public BudgetGrpcService(BudgetCatalog catalog, BudgetEnforcement enforcement, SpendCharging charging,
                             BudgetEventLog eventLog, WebhookRegistry webhooks, CounterRebuild rebuild, BudgetEventFeed eventFeed, Clock clock) {
        this.rebuild = rebuild;
        this.eventFeed = eventFeed;
        this.catalog = catalog;
        this.enforcement = enforcement;
        this.charging = charging;
        this.eventLog = eventLog;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    @Override
    @Blocking
    public Uni<CreateBudgetResponse> createBudget(CreateBudgetRequest request) {
        return Uni.createFrom().item(() -> CreateBudgetResponse.newBuilder()
                .setBudget(ProtoMapper.toProto(catalog.create(ProtoMapper.fromProto(request.getBudget()), request.getRequestId())))
                .build());
    }

    @Override
    @Blocking
    public Uni<UpdateBudgetResponse> updateBudget(UpdateBudgetRequest request) {
        return Uni.createFrom().item(() -> {
            io.tokenledger.api.budget.v1.Budget budget = request.getBudget();
            return UpdateBudgetResponse.newBuilder()
                    .setBudget(ProtoMapper.toProto(catalog.update(budget.getTenantId(), budget.getBudgetId(),
                            ProtoMapper.fromProto(budget), request.getUpdateMask().getPathsList(), budget.getEtag())))
                    .build();
        });
    }

    @Override
    @Blocking
    public Uni<DeleteBudgetResponse> deleteBudget(DeleteBudgetRequest request) {
        return Uni.createFrom().item(() -> {
            catalog.delete(request.getTenantId(), request.getBudgetId(), request.getEtag());
            return DeleteBudgetResponse.newBuilder().setBudgetId(request.getBudgetId()).build();
        });
    }

    @Override
    @Blocking
    public Uni<GetBudgetResponse> getBudget(GetBudgetRequest request) {
        return Uni.createFrom().item(() -> {
            BudgetCatalog.BudgetView view = catalog.get(request.getTenantId(), request.getBudgetId(),
                    ProtoMapper.optionalInstant(request.hasAtTime(), request.getAtTime()));
            return GetBudgetResponse.newBuilder()
                    .setBudget(ProtoMapper.toProto(view.budget()))
                    .setStatus(ProtoMapper.toProto(view.status()))
                    .build();
        });
    }

    @Override
    @Blocking
    public Uni<ListBudgetsResponse> listBudgets(ListBudgetsRequest request) {
        return Uni.createFrom().item(() -> {
            Page<BudgetCatalog.BudgetView> page = catalog.list(request.getTenantId(), request.getPageSize(),
                    request.getPageToken(), ProtoMapper.optionalInstant(request.hasAtTime(), request.getAtTime()));
            ListBudgetsResponse.Builder response = ListBudgetsResponse.newBuilder().setNextPageToken(page.nextPageToken());
            for (BudgetCatalog.BudgetView view : page.items()) {
                response.addBudgets(ProtoMapper.toProto(view.budget())).addStatuses(ProtoMapper.toProto(view.status()));
            }
            return response.build();
        });
    }

    /** Not {@code @Blocking}: the check runs on the event loop and moves to a worker only when it must wait. */
    @Override
    public Uni<CheckBudgetResponse> checkBudget(CheckBudgetRequest request) {
        return enforcement.check(new BudgetEnforcement.CheckRequest(
                        request.getTenantId(), request.getDimensionsMap(), request.getEstimatedCostNanos(),
                        request.getProvider(), request.getModel(),
                        request.hasExpectedUsage() ? Optional.of(request.getExpectedUsage()) : Optional.empty(),
                        ProtoMapper.optionalInstant(request.hasTime(), request.getTime()), request.getEstimatedTokens()))
                .map(ProtoMapper::toProto);
    }

    @Override
    @Blocking
    public Uni<ChargeSpendResponse> chargeSpend(ChargeSpendRequest request) {
        return Uni.createFrom().item(() -> {
            Instant now = clock.instant();
            List<SpendCharge> charges = request.getChargesList().stream().map(c -> ProtoMapper.fromProto(c, now)).toList();
            ChargeSpendResponse.Builder response = ChargeSpendResponse.newBuilder();
            charging.charge(charges).forEach(r -> response.addResults(ProtoMapper.toProto(r)));
            return response.build();
        });
    }

    @Override
    @Blocking
    public Uni<ListBudgetEventsResponse> listBudgetEvents(ListBudgetEventsRequest request) {
        return Uni.createFrom().item(() -> {
            Page<io.tokenledger.budget.domain.BudgetEvent> page = eventLog.list(request.getTenantId(),
                    request.getBudgetId(), request.getPageSize(), request.getPageToken());
            ListBudgetEventsResponse.Builder response = ListBudgetEventsResponse.newBuilder()
                    .setNextPageToken(page.nextPageToken());
            page.items().forEach(e -> response.addEvents(ProtoMapper.toProto(e)));
            return response.build();
        });
    }

    @Override
    @Blocking
    public Uni<CreateWebhookEndpointResponse> createWebhookEndpoint(CreateWebhookEndpointRequest request) {
        return Uni.createFrom().item(() -> {
            WebhookRegistry.Registered registered = webhooks.register(request.getEndpoint().getTenantId(),
                    request.getEndpoint().getUrl(), request.getEndpoint().getDescription(), request.getSecret());
            return CreateWebhookEndpointResponse.newBuilder()
                    .setEndpoint(ProtoMapper.toProto(registered.endpoint()))
                    .setSecret(registered.secret())
                    .build();
        });
    }

    @Override
    @Blocking
    public Uni<ListWebhookEndpointsResponse> listWebhookEndpoints(ListWebhookEndpointsRequest request) {
        return Uni.createFrom().item(() -> {
            ListWebhookEndpointsResponse.Builder response = ListWebhookEndpointsResponse.newBuilder();
            webhooks.list(request.getTenantId()).forEach(e -> response.addEndpoints(ProtoMapper.toProto(e)));
            return response.build();
        });
    }

    @Override
    @Blocking
    public Uni<RebuildCountersResponse> rebuildCounters(RebuildCountersRequest request) {
        return Uni.createFrom().item(() -> {
            RebuildCountersResponse.Builder response = RebuildCountersResponse.newBuilder();
            rebuild.rebuild(request.getTenantId(),
                    ProtoMapper.optionalInstant(request.hasSince(), request.getSince())).forEach(s -> response.addStatuses(ProtoMapper.toProto(s)));
            return response.build();
        });
    }

    @Override
    public Multi<io.tokenledger.api.budget.v1.BudgetEvent> watchBudgetEvents(WatchBudgetEventsRequest request) {
        return eventFeed.follow(request.getTenantId(), request.getBudgetId(), request.getAfterSequence())
                .map(ProtoMapper::toProto);
    }
}
