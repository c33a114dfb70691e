package io.tokenledger.ingest.fakes;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import io.tokenledger.api.budget.v1.ChargeResult;
import io.tokenledger.api.budget.v1.ChargeSpendRequest;
import io.tokenledger.api.budget.v1.ChargeSpendResponse;
import io.tokenledger.api.budget.v1.ChargeStatus;
import io.tokenledger.api.budget.v1.MutinyBudgetServiceGrpc;
import io.tokenledger.api.budget.v1.SpendCharge;

/** Accepts every charge and remembers it. */
@GrpcService
public class FakeBudget extends MutinyBudgetServiceGrpc.BudgetServiceImplBase {

    @Override
    public Uni<ChargeSpendResponse> chargeSpend(ChargeSpendRequest request) {
        ChargeSpendResponse.Builder response = ChargeSpendResponse.newBuilder();
        for (SpendCharge charge : request.getChargesList()) {
            Fakes.CHARGED.add(charge);
            response.addResults(ChargeResult.newBuilder().setEventId(charge.getEventId())
                    .setStatus(ChargeStatus.CHARGE_STATUS_CHARGED));
        }
        return Uni.createFrom().item(response.build());
    }
}
