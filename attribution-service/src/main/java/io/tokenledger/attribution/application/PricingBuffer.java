package io.tokenledger.attribution.application;

import io.tokenledger.attribution.domain.PriceAnswer;
import io.tokenledger.attribution.domain.PriceRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Collects price requests while the ledger streams and sends them in batches of {@link UsagePricer#MAX_BATCH}, so a
 * period of any size is priced call by call (exact per-call rounding and long-context tiers) in bounded memory.
 */
final class PricingBuffer {

    private final UsagePricer pricer;
    private final String tenantId;
    private final List<PriceRequest> requests = new ArrayList<>();
    private final List<Consumer<PriceAnswer>> callbacks = new ArrayList<>();

    PricingBuffer(UsagePricer pricer, String tenantId) {
        this.pricer = pricer;
        this.tenantId = tenantId;
    }

    void add(PriceRequest request, Consumer<PriceAnswer> then) {
        requests.add(request);
        callbacks.add(then);
        if (requests.size() >= UsagePricer.MAX_BATCH) {
            flush();
        }
    }

    /** Prices both; {@code then} gets both answers (the first is always answered before the second). */
    void addPair(PriceRequest first, PriceRequest second, BiConsumer<PriceAnswer, PriceAnswer> then) {
        PriceAnswer[] firstAnswer = new PriceAnswer[1];
        add(first, answer -> firstAnswer[0] = answer);
        add(second, answer -> then.accept(firstAnswer[0], answer));
    }

    void flush() {
        if (requests.isEmpty()) {
            return;
        }
        List<PriceAnswer> answers = pricer.price(tenantId, List.copyOf(requests));
        if (answers.size() != requests.size()) {
            throw new IllegalStateException("pricing answered " + answers.size() + " of " + requests.size());
        }
        List<Consumer<PriceAnswer>> pending = List.copyOf(callbacks);
        requests.clear();
        callbacks.clear();
        for (int i = 0; i < answers.size(); i++) {
            pending.get(i).accept(answers.get(i));
        }
    }
}
