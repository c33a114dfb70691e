package io.tokenledger.platform.money;

import io.tokenledger.api.common.v1.Money;

/** Converts nano-USD to and from the API's {@code Money} message (the google.type.Money shape). */
public final class ProtoMoney {

    /** The only currency TokenLedger prices in. */
    public static final String USD = "USD";

    private ProtoMoney() {
    }

    /** The Money message for an amount of nano-USD; units and nanos carry the same sign. */
    public static Money of(long nanos) {
        return Money.newBuilder()
                .setCurrencyCode(USD)
                .setUnits(nanos / Nanos.PER_USD)
                .setNanos((int) (nanos % Nanos.PER_USD))
                .build();
    }

    /** The amount of a Money message in nano-USD. Throws on overflow. */
    public static long toNanos(Money money) {
        return Math.addExact(Math.multiplyExact(money.getUnits(), Nanos.PER_USD), money.getNanos());
    }
}
