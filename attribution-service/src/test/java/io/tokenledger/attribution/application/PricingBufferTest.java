package io.tokenledger.attribution.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenledger.attribution.domain.Amounts;
import io.tokenledger.attribution.domain.ModelRef;
import io.tokenledger.attribution.domain.PriceAnswer;
import io.tokenledger.attribution.domain.PriceRequest;
import io.tokenledger.attribution.domain.TokenClass;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batches of at most 1,000 per pricing call, every answer back to its own request, pairs across a batch edge. */
class PricingBufferTest {

    /** Prices input tokens at 3 nano-USD each and records the size of every call. */
    private final List<Integer> calls = new ArrayList<>();
    private final UsagePricer pricer = (tenant, requests) -> {
        calls.add(requests.size());
        return requests.stream().map(r -> new PriceAnswer(true, r.tokens().get(TokenClass.INPUT) * 3, "")).toList();
    };

    @Test
    void requests_go_in_batches_of_1000_and_answers_reach_their_callbacks() {
        PricingBuffer buffer = new PricingBuffer(pricer, "t");
        long[] answered = new long[2_500];
        for (int i = 0; i < answered.length; i++) {
            int index = i;
            buffer.add(request(i), answer -> answered[index] = answer.costNanos());
        }
        buffer.flush();

        assertThat(calls).containsExactly(1_000, 1_000, 500);
        for (int i = 0; i < answered.length; i++) {
            assertThat(answered[i]).isEqualTo(3L * i);
        }
    }

    @Test
    void a_pair_split_by_a_batch_edge_still_gets_both_answers() {
        PricingBuffer buffer = new PricingBuffer(pricer, "t");
        for (int i = 0; i < 999; i++) {
            buffer.add(request(i), answer -> { });
        }
        long[] pair = new long[2];
        buffer.addPair(request(7), request(11), (first, second) -> {
            pair[0] = first.costNanos();
            pair[1] = second.costNanos();
        });
        buffer.flush();

        // The first of the pair is the 1,000th request (first call), the second goes in the next call.
        assertThat(calls).containsExactly(1_000, 1);
        assertThat(pair).containsExactly(21, 33);
    }

    private static PriceRequest request(long input) {
        long[] tokens = new long[TokenClass.values().length];
        tokens[TokenClass.INPUT.ordinal()] = input;
        return new PriceRequest(new ModelRef("openai", "m"), Instant.parse("2026-01-01T00:00:00Z"),
                Amounts.of(TokenClass.class, tokens), false);
    }
}
